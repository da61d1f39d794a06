package io.shapesync.shapes;

/** Content of update and delete messages (spec §7.4). */
public enum Replica { DEFAULT, FULL }
