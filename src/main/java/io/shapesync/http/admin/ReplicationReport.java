package io.shapesync.http.admin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * {@code GET /v1/admin/replication}'s answer: what the replication thread is doing ({@code state}, {@code detail}),
 * which slot and publication it uses, and the slot as Postgres sees it ({@link SlotStatus}, nulls when unknown, with
 * {@code error} saying why).
 */
public record ReplicationReport(String state, String detail, String slot, String publication, SlotStatus pg, String error) {

    public JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder().add("state", state);
        text(b, "detail", detail);
        b.add("slot", slot).add("publication", publication);
        bool(b, "slot_exists", pg.exists());
        bool(b, "active", pg.active());
        text(b, "confirmed_flush_lsn", pg.confirmedFlushLsn());
        text(b, "received_lsn", pg.receivedLsn());
        number(b, "lag_bytes", pg.lagBytes());
        number(b, "lag_ms", pg.lagMs());
        number(b, "retained_wal_bytes", pg.retainedWalBytes());
        text(b, "server_wal_lsn", pg.serverWalLsn());
        text(b, "error", error);
        return b.build();
    }

    private static void text(JsonObjectBuilder b, String name, String value) {
        if (value == null) b.addNull(name);
        else b.add(name, value);
    }

    private static void number(JsonObjectBuilder b, String name, Long value) {
        if (value == null) b.addNull(name);
        else b.add(name, value.longValue());
    }

    private static void bool(JsonObjectBuilder b, String name, Boolean value) {
        if (value == null) b.addNull(name);
        else b.add(name, value.booleanValue());
    }
}
