package io.shapesync.shapes;

import java.util.Map;
import java.util.TreeMap;

/**
 * A shape as a request names it, before resolution: table, columns, where clause and its parameters (null when
 * absent), replica and log mode.
 */
public record ShapeParams(String table, String columns, String where, Map<String, String> params, Replica replica,
                          LogMode log) {

    public ShapeParams {
        params = Map.copyOf(params);
    }

    public static ShapeParams of(String table, String columns, Replica replica, LogMode log) {
        return new ShapeParams(table, columns, null, Map.of(), replica, log);
    }

    /** A key equal for requests that name the same shape the same way (cache of resolved shapes). */
    String requestKey() {
        return table + '\u0000' + columns + '\u0000' + where + '\u0000' + new TreeMap<>(params) + '\u0000' + replica
                + '\u0000' + log;
    }
}
