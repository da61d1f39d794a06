package io.shapesync.http.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The admin API's JSON: field names and types as docs/administration.md documents them. */
class AdminJsonTest {
    private static JsonObject reparse(JsonObject o) {
        return Json.createReader(new StringReader(o.toString())).readObject();
    }

    @Test
    void shouldWriteEveryShapeFieldWhenShapeHasWhereClause() {
        ShapeSummary s = new ShapeSummary("42-1700000000000001", "42-1700000000000000", "public.items",
                "title = $1 AND \"q\" > 2", Map.of("1", "a \"b\"\n"), List.of("id", "title"), "full", "changes_only",
                "26543_2", 123_456_789_012L, 7, "done");
        JsonObject o = reparse(s.toJson());
        assertEquals(Set.of("handle", "id", "table", "where", "params", "columns", "replica", "log_mode", "offset", "bytes",
                "waiting", "snapshot"), o.keySet());
        assertEquals("42-1700000000000001", o.getString("handle"));
        assertEquals("42-1700000000000000", o.getString("id"));
        assertEquals("public.items", o.getString("table"));
        assertEquals("title = $1 AND \"q\" > 2", o.getString("where"));
        assertEquals("a \"b\"\n", o.getJsonObject("params").getString("1"));
        assertEquals(List.of("id", "title"), o.getJsonArray("columns").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("full", o.getString("replica"));
        assertEquals("changes_only", o.getString("log_mode"));
        assertEquals("26543_2", o.getString("offset"));
        assertEquals(123_456_789_012L, o.getJsonNumber("bytes").longValueExact());
        assertEquals(7, o.getInt("waiting"));
        assertEquals("done", o.getString("snapshot"));
    }

    @Test
    void shouldWriteNullWhereWhenShapeIsWholeTable() {
        JsonObject o = reparse(new ShapeSummary("h", "h", "s.t", null, null, List.of("id"), "default", "full", "0_inf", 0, 0,
                "running").toJson());
        assertEquals(JsonValue.NULL, o.get("where"));
        assertTrue(o.getJsonObject("params").isEmpty());
    }

    @Test
    void shouldComputeLagAndRetainedWhenSlotIsKnown() {
        SlotStatus s = SlotStatus.of(true, true, "0/1000", "0/800", "0/1000", "1/10", 12L);
        assertEquals(0x1_0000_0010L - 0x1000, s.lagBytes());
        assertEquals(0x1_0000_0010L - 0x800, s.retainedWalBytes());
        assertEquals(12L, s.lagMs());
        SlotStatus caughtUp = SlotStatus.of(true, true, "0/1000", "0/800", "0/1000", "0/1000", null);
        assertEquals(0L, caughtUp.lagBytes());
        assertEquals(0L, caughtUp.lagMs());  // nothing pending: no lag, even when Postgres reports none
        SlotStatus unknownLag = SlotStatus.of(true, false, "0/1000", "0/800", null, "0/2000", null);
        assertEquals(null, unknownLag.lagMs());
        assertEquals(null, unknownLag.receivedLsn());
    }

    @Test
    void shouldLeaveSlotFieldsNullWhenSlotIsMissing() {
        SlotStatus s = SlotStatus.of(false, null, null, null, null, "0/2000", null);
        assertEquals(null, s.lagBytes());
        assertEquals(null, s.retainedWalBytes());
        assertEquals("0/2000", s.serverWalLsn());
    }

    @Test
    void shouldWriteEveryReplicationFieldAsNullWhenPostgresIsDown() {
        JsonObject o = reparse(new ReplicationReport("disconnected", "SQLSTATE 08001: refused", "shapesync_slot_default",
                "shapesync_pub_default", SlotStatus.UNKNOWN, "Postgres is unreachable: refused").toJson());
        assertEquals("disconnected", o.getString("state"));
        assertEquals("shapesync_slot_default", o.getString("slot"));
        assertEquals("shapesync_pub_default", o.getString("publication"));
        for (String f : List.of("confirmed_flush_lsn", "received_lsn", "lag_bytes", "lag_ms", "retained_wal_bytes",
                "server_wal_lsn", "active", "slot_exists")) {
            assertEquals(JsonValue.NULL, o.get(f), f);
        }
        assertEquals("Postgres is unreachable: refused", o.getString("error"));
    }

    @Test
    void shouldWriteNumbersWhenSlotIsKnown() {
        SlotStatus s = SlotStatus.of(true, true, "0/1000", "0/800", "0/FF0", "0/1800", 5L);
        JsonObject o = reparse(new ReplicationReport("streaming", "streaming from slot x", "x", "p", s, null).toJson());
        assertEquals("0/1000", o.getString("confirmed_flush_lsn"));
        assertEquals("0/FF0", o.getString("received_lsn"));
        assertEquals("0/1800", o.getString("server_wal_lsn"));
        assertEquals(0x800, o.getJsonNumber("lag_bytes").longValueExact());
        assertEquals(0x1000, o.getJsonNumber("retained_wal_bytes").longValueExact());
        assertEquals(5, o.getJsonNumber("lag_ms").longValueExact());
        assertTrue(o.getBoolean("active"));
        assertEquals(JsonValue.NULL, o.get("error"));
    }
}
