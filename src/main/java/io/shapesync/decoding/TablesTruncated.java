package io.shapesync.decoding;

import java.util.List;

/** Tables were truncated; {@code options} as in {@link Truncate} (1 CASCADE, 2 RESTART IDENTITY). */
public record TablesTruncated(List<Relation> relations, int options) implements Change {
    public TablesTruncated {
        relations = List.copyOf(relations);
    }
}
