package io.shapesync.decoding;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest {@link Relation} (and {@link Type}) per oid seen on the stream. Owned by the replication thread; not
 * thread-safe. Must live as long as the replication connection: pgoutput sends each relation once per session.
 */
public final class RelationCache {
    private final Map<Integer, Relation> relations = new HashMap<>();
    private final Map<Integer, Type> types = new HashMap<>();

    /** Stores {@code relation}, replacing any earlier one with the same id. */
    public void put(Relation relation) {
        relations.put(relation.relationId(), relation);
    }

    /** The relation with this id; throws {@link ProtocolException} when no Relation message announced it. */
    public Relation get(int relationId) {
        Relation r = relations.get(relationId);
        if (r == null) {
            throw new ProtocolException("unknown relation id " + Integer.toUnsignedString(relationId)
                    + ": no Relation message seen for it on this stream");
        }
        return r;
    }

    public Optional<Relation> find(int relationId) {
        return Optional.ofNullable(relations.get(relationId));
    }

    public void putType(Type type) {
        types.put(type.typeOid(), type);
    }

    /** A custom type (e.g. an enum) announced by a Type message. */
    public Optional<Type> findType(int typeOid) {
        return Optional.ofNullable(types.get(typeOid));
    }

    public int size() {
        return relations.size();
    }

    public void clear() {
        relations.clear();
        types.clear();
    }
}
