package io.shapesync.shapes;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the replication stream does not announce: a dropped table, or a changed primary key (with REPLICA IDENTITY
 * FULL the stream flags every column as key). One catalog query for the tables of all shapes; the shapes whose table
 * is gone or whose key changed are returned with the reason.
 */
final class CatalogCheck {
    private static final String SQL = """
            SELECT c.oid::int8, coalesce((SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i
                                          CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                                          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                                          WHERE i.indrelid = c.oid AND i.indisprimary), '{}')
            FROM pg_class c WHERE c.oid::int8 = ANY(?)""";

    private CatalogCheck() {
    }

    /** Shapes to invalidate, with why. */
    static Map<Shape, String> stale(Connection c, Collection<Shape> shapes) throws SQLException {
        Map<Long, List<Shape>> byTable = new HashMap<>();
        for (Shape s : shapes) {
            byTable.computeIfAbsent(Integer.toUnsignedLong(s.definition().table().oid()), k -> new ArrayList<>()).add(s);
        }
        Map<Shape, String> out = new LinkedHashMap<>();
        if (byTable.isEmpty()) return out;
        Map<Long, List<String>> keys = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setArray(1, c.createArrayOf("int8", byTable.keySet().toArray(new Long[0])));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array pk = rs.getArray(2);
                    keys.put(rs.getLong(1), Arrays.asList((String[]) pk.getArray()));
                }
            }
        }
        for (Map.Entry<Long, List<Shape>> e : byTable.entrySet()) {
            List<String> now = keys.get(e.getKey());
            for (Shape s : e.getValue()) {
                TableInfo t = s.definition().table();
                if (now == null) out.put(s, "table " + t.name() + " was dropped");
                else if (!now.equals(t.primaryKey())) out.put(s, "the primary key of " + t.name() + " changed to " + now);
            }
        }
        return out;
    }
}
