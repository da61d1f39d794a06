package io.shapesync.decoding;

import java.util.Objects;

/**
 * A Relation message whose content differs from the cached one (or the first one for its id: {@code previous}
 * is then null). Ordered before the changes that use {@code current}.
 */
public record RelationChanged(Relation previous, Relation current) implements Change {
    public RelationChanged {
        Objects.requireNonNull(current, "current");
        if (previous != null && previous.relationId() != current.relationId()) {
            throw new IllegalArgumentException("relation ids differ: " + previous.relationId() + " and "
                    + current.relationId());
        }
    }
}
