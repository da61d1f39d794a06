package io.shapesync.http.admin;

import io.shapesync.shapes.Shape;
import io.shapesync.shapes.ShapeDefinition;
import io.shapesync.shapes.ShapeParams;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One shape as the admin API lists it. {@code where} and {@code params} are as the shape was first requested (null
 * and empty without a clause); {@code columns} are the selected columns in table order; {@code offset} is the latest
 * offset of the current log; {@code waiting} counts parked long-polls and waiting SSE streams.
 */
public record ShapeSummary(String handle, String id, String table, String where, Map<String, String> params,
                           List<String> columns, String replica, String logMode, String offset, long bytes, int waiting,
                           String snapshot) {

    public ShapeSummary {
        params = params == null ? Map.of() : new TreeMap<>(params);
        columns = List.copyOf(columns);
    }

    /** The summary of a shape right now; {@code requested} empty when its metadata is already gone. */
    static ShapeSummary of(Shape shape, java.util.Optional<ShapeParams> requested, int waiting) {
        ShapeDefinition def = shape.definition();
        Shape.View view = shape.view();
        return new ShapeSummary(view.handle(), shape.id(), tableName(shape),
                requested.map(ShapeParams::where).orElse(null), requested.map(ShapeParams::params).orElse(Map.of()),
                def.columns(), lower(def.replica()), lower(def.log()),
                (shape.snapshotComplete() ? view.latest() : view.lastEntry()).toString(), shape.logBytes(), waiting,
                snapshotState(shape.status()));
    }

    /** {@code schema.table}, as the filter and the page show it. */
    static String tableName(Shape shape) {
        var name = shape.definition().table().name();
        return name.schema() + "." + name.name();
    }

    static String snapshotState(Shape.Status status) {
        return switch (status) {
            case SNAPSHOTTING -> "running";
            case LIVE -> "done";
            case INVALIDATED -> "invalidated";
        };
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    public JsonObject toJson() {
        JsonObjectBuilder p = Json.createObjectBuilder();
        params.forEach(p::add);
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("handle", handle).add("id", id).add("table", table);
        if (where == null) b.addNull("where");
        else b.add("where", where);
        return b.add("params", p)
                .add("columns", Json.createArrayBuilder(columns))
                .add("replica", replica).add("log_mode", logMode).add("offset", offset).add("bytes", bytes)
                .add("waiting", waiting).add("snapshot", snapshot).build();
    }
}
