package io.shapesync.shapes;

/** {@code full}: initial rows then changes; {@code changes_only}: no initial rows. */
public enum LogMode { FULL, CHANGES_ONLY }
