package io.shapesync.replication;

/**
 * The replication stream does not continue from what this instance's shapes hold, so state built before cannot be
 * trusted: the slot was created (first start, or dropped or invalidated while ShapeSync was away), or another
 * instance consumed changes from it since this one last acknowledged (an HA takeover by an instance whose data
 * directory is older than the slot).
 */
public record SlotReset(String slot, String why) {
}
