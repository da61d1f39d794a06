package io.shapesync.shapes;

import io.shapesync.storage.LogOffset;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A shape's {@code shape.json}: what it takes to reopen the shape after a restart without asking Postgres: the
 * request's parameters, the table definitions they resolved against (so the where clause recompiles to the same
 * identity), the snapshot's xids once the snapshot is complete ({@code snapshot} null before), and the handles:
 * {@code id} names the shape's directory for good, {@code handle} is the current one, and {@code retiredHandles} are
 * those replaced by compactions, valid from {@code compactedTo} on.
 */
record ShapeMetadata(String handle, ShapeParams params, TableInfo table, List<TableInfo> subqueryTables,
                     SnapshotXids snapshot, String id, List<String> retiredHandles, LogOffset compactedTo) {
    static final String FILE = "shape.json";
    private static final int VERSION = 1;

    ShapeMetadata {
        retiredHandles = List.copyOf(retiredHandles);
    }

    /** A new shape's metadata: its id is its first handle. */
    ShapeMetadata(String handle, ShapeParams params, TableInfo table, List<TableInfo> subqueryTables, SnapshotXids snapshot) {
        this(handle, params, table, subqueryTables, snapshot, handle, List.of(), null);
    }

    ShapeMetadata withSnapshot(SnapshotXids xids) {
        return new ShapeMetadata(handle, params, table, subqueryTables, xids, id, retiredHandles, compactedTo);
    }

    ShapeMetadata withHandles(String current, List<String> retired, LogOffset cut) {
        return new ShapeMetadata(current, params, table, subqueryTables, snapshot, id, retired, cut);
    }

    byte[] toJson() {
        JsonObjectBuilder p = Json.createObjectBuilder().add("table", params.table())
                .add("replica", params.replica().name()).add("log", params.log().name());
        if (params.columns() != null) p.add("columns", params.columns());
        if (params.where() != null) p.add("where", params.where());
        JsonObjectBuilder values = Json.createObjectBuilder();
        params.params().forEach(values::add);
        p.add("params", values);
        JsonArrayBuilder inner = Json.createArrayBuilder();
        subqueryTables.forEach(t -> inner.add(table(t)));
        JsonObjectBuilder o = Json.createObjectBuilder().add("version", VERSION).add("handle", handle).add("params", p)
                .add("table", table(table)).add("subquery_tables", inner);
        if (!id.equals(handle)) o.add("id", id);
        if (compactedTo != null) {
            JsonArrayBuilder retired = Json.createArrayBuilder();
            retiredHandles.forEach(retired::add);
            o.add("retired_handles", retired).add("compacted_to", compactedTo.toString());
        }
        if (snapshot != null) {
            JsonArrayBuilder xip = Json.createArrayBuilder();
            snapshot.xip().stream().sorted().forEach(xip::add);
            o.add("snapshot", Json.createObjectBuilder().add("xmin", snapshot.xmin()).add("xmax", snapshot.xmax()).add("xip", xip));
        }
        return o.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    static ShapeMetadata fromJson(byte[] json) {
        JsonObject o;
        try (JsonReader r = Json.createReader(new StringReader(new String(json, StandardCharsets.UTF_8)))) {
            o = r.readObject();
        }
        if (o.getInt("version") != VERSION) throw new IllegalArgumentException("unknown shape.json version " + o.getInt("version"));
        JsonObject p = o.getJsonObject("params");
        Map<String, String> values = new LinkedHashMap<>();
        p.getJsonObject("params").forEach((k, v) -> values.put(k, ((jakarta.json.JsonString) v).getString()));
        ShapeParams params = new ShapeParams(p.getString("table"), p.getString("columns", null), p.getString("where", null),
                values, Replica.valueOf(p.getString("replica")), LogMode.valueOf(p.getString("log")));
        List<TableInfo> inner = new ArrayList<>();
        for (JsonValue v : o.getJsonArray("subquery_tables")) inner.add(table(v.asJsonObject()));
        SnapshotXids snapshot = null;
        if (o.containsKey("snapshot")) {
            JsonObject s = o.getJsonObject("snapshot");
            Set<Long> xip = new HashSet<>();
            for (JsonValue x : s.getJsonArray("xip")) xip.add(((jakarta.json.JsonNumber) x).longValueExact());
            snapshot = new SnapshotXids(s.getJsonNumber("xmin").longValueExact(), s.getJsonNumber("xmax").longValueExact(), xip);
        }
        List<String> retired = new ArrayList<>();
        LogOffset compactedTo = null;
        if (o.containsKey("compacted_to")) {
            compactedTo = LogOffset.parse(o.getString("compacted_to"));
            for (JsonValue v : o.getJsonArray("retired_handles")) retired.add(((jakarta.json.JsonString) v).getString());
        }
        String handle = o.getString("handle");
        return new ShapeMetadata(handle, params, table(o.getJsonObject("table")), inner, snapshot, o.getString("id", handle),
                retired, compactedTo);
    }

    private static JsonObject table(TableInfo t) {
        JsonArrayBuilder cols = Json.createArrayBuilder();
        for (ColumnInfo c : t.columns()) {
            cols.add(Json.createObjectBuilder().add("name", c.name()).add("type", c.typeName()).add("typmod", c.typeModifier())
                    .add("not_null", c.notNull()).add("dims", c.dims()).add("pk_index", c.pkIndex())
                    .add("generated", c.generated()).add("enum", c.isEnum()).add("type_oid", c.typeOid()));
        }
        JsonArrayBuilder pk = Json.createArrayBuilder();
        t.primaryKey().forEach(pk::add);
        return Json.createObjectBuilder().add("oid", t.oid()).add("schema", t.name().schema()).add("name", t.name().name())
                .add("columns", cols).add("primary_key", pk).build();
    }

    private static TableInfo table(JsonObject o) {
        List<ColumnInfo> cols = new ArrayList<>();
        for (JsonValue v : o.getJsonArray("columns")) {
            JsonObject c = v.asJsonObject();
            cols.add(new ColumnInfo(c.getString("name"), c.getString("type"), c.getInt("typmod"), c.getBoolean("not_null"),
                    c.getInt("dims"), c.getInt("pk_index"), c.getBoolean("generated"), c.getBoolean("enum"),
                    c.getInt("type_oid", 0)));
        }
        List<String> pk = new ArrayList<>();
        JsonArray keys = o.getJsonArray("primary_key");
        for (int i = 0; i < keys.size(); i++) pk.add(keys.getString(i));
        return new TableInfo(o.getInt("oid"), new QualifiedName(o.getString("schema"), o.getString("name")), cols, pk);
    }
}
