package io.shapesync.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.shapes.InvalidShapeException;
import io.shapesync.shapes.LogMode;
import io.shapesync.shapes.Replica;
import io.shapesync.shapes.ShapeParams;
import io.shapesync.shapes.where.parse.Parser;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ShapeGuardTest {
    private static final ShapeCaller ALICE = new ShapeCaller(() -> "alice", role -> role.equals("shapesync-reader"));
    private static final ShapeParams ITEMS = new ShapeParams("items", null, null, Map.of(), Replica.DEFAULT, LogMode.FULL);

    private static ShapeParams params(String columns, String where) {
        return new ShapeParams("items", columns, where, Map.of("1", "x"), Replica.FULL, LogMode.FULL);
    }

    @Test
    void shouldServeTheShapeUnchangedWhenTheAuthorizerAllows() {
        ShapeGuard guard = new ShapeGuard(new AllowAllShapeAuthorizer());
        ShapeGuard.Verdict v = guard.check(ShapeCaller.anonymous(), ShapeAccess.Operation.READ, ITEMS);
        assertFalse(v.rejected());
        assertSame(ITEMS, v.params());
        assertFalse(guard.variesByCaller());
    }

    @Test
    void shouldPassTheCallerAndTheRequestedShapeWhenAuthorizing() {
        AtomicReference<ShapeAccess> seen = new AtomicReference<>();
        AtomicReference<ShapeCaller> caller = new AtomicReference<>();
        ShapeGuard guard = new ShapeGuard((c, a) -> {
            caller.set(c);
            seen.set(a);
            return ShapeDecision.allow();
        });
        guard.check(ALICE, ShapeAccess.Operation.SUBSET, params("ID,\"Mixed\"\"Q\"", "id = $1"));
        assertEquals(new ShapeAccess(ShapeAccess.Operation.SUBSET, "items", "id = $1", List.of("id", "Mixed\"Q"), Replica.FULL,
                Map.of("1", "x")), seen.get());
        assertEquals("alice", caller.get().name());
        assertTrue(caller.get().isInRole("shapesync-reader"));
        assertFalse(caller.get().isInRole("shapesync-admin"));
        assertTrue(guard.variesByCaller());
    }

    @Test
    void shouldAnswerTheStatusAndAJsonMessageWhenTheAuthorizerRejects() {
        ShapeGuard guard = new ShapeGuard((c, a) -> ShapeDecision.reject(403, "No \"items\" for you"));
        ShapeGuard.Verdict v = guard.check(ALICE, ShapeAccess.Operation.READ, ITEMS);
        assertTrue(v.rejected());
        assertEquals(403, v.status());
        assertEquals("{\"message\":\"No \\\"items\\\" for you\"}", v.body());
        assertThrows(IllegalArgumentException.class, () -> ShapeDecision.reject(200, "ok"));
        assertThrows(IllegalArgumentException.class, () -> ShapeDecision.reject(500, "no"));
    }

    @Test
    void shouldAnswer500WhenTheAuthorizerFailsOrReturnsNothing() {
        ShapeGuard failing = new ShapeGuard((c, a) -> {
            throw new IllegalStateException("directory down");
        });
        ShapeGuard.Verdict v = failing.check(ALICE, ShapeAccess.Operation.READ, ITEMS);
        assertEquals(500, v.status());
        assertFalse(v.body().contains("directory"), v.body());
        assertEquals(500, new ShapeGuard((c, a) -> null).check(ALICE, ShapeAccess.Operation.READ, ITEMS).status());
    }

    @Test
    void shouldAndTheNarrowingWithTheClientWhereWhenNarrowing() {
        ShapeGuard guard = new ShapeGuard((c, a) -> ShapeDecision.narrow("owner = " + ShapeDecision.literal(c.name()), null));
        assertEquals("owner = 'alice'", guard.check(ALICE, ShapeAccess.Operation.READ, ITEMS).params().where());
        ShapeParams narrowed = guard.check(ALICE, ShapeAccess.Operation.READ, params(null, "id = $1")).params();
        assertEquals("(id = $1\n) AND (owner = 'alice')", narrowed.where());
        assertEquals(Map.of("1", "x"), narrowed.params());
        assertEquals(Replica.FULL, narrowed.replica());
        assertNotEquals(params(null, "id = $1"), narrowed);
        Parser.parse(narrowed.where());
    }

    @Test
    void shouldRejectAClientWhereThatWouldEscapeItsParenthesesWhenNarrowing() {
        for (String where : new String[]{"true) OR (true", "true /*", "'open", "$$x", "id = 1) OR owner <> ''"}) {
            InvalidShapeException e = assertThrows(InvalidShapeException.class, () -> ShapeGuard.and(where, "owner = 'alice'"), where);
            assertEquals("where", e.field());
        }
        // a line comment ends at the line break the guard puts after the client's clause
        assertEquals("(id > 0 --\n) AND (owner = 'alice')", ShapeGuard.and("id > 0 --", "owner = 'alice'"));
        Parser.parse(ShapeGuard.and("id > 0 --", "owner = 'alice'"));
        assertNull(ShapeGuard.and(null, null));
        assertEquals("a = 1", ShapeGuard.and("a = 1", null));
    }

    @Test
    void shouldQuoteLiteralsWhenBuildingANarrowing() {
        assertEquals("'o''hara'", ShapeDecision.literal("o'hara"));
        Parser.parse("owner = " + ShapeDecision.literal("x' OR 'a' = 'a"));
        assertEquals("owner = 'x'' OR ''a'' = ''a'", "owner = " + ShapeDecision.literal("x' OR 'a' = 'a"));
    }

    @Test
    void shouldRestrictColumnsWhenNarrowingToASubset() {
        ShapeGuard guard = new ShapeGuard((c, a) -> ShapeDecision.narrow(null, List.of("id", "Title")));
        assertEquals("\"id\",\"Title\"", guard.check(ALICE, ShapeAccess.Operation.READ, ITEMS).params().columns());
        assertEquals("id,\"Title\"", guard.check(ALICE, ShapeAccess.Operation.READ, params("id,\"Title\"", null)).params().columns());
        assertNull(guard.check(ALICE, ShapeAccess.Operation.READ, params("id", null)).params().where());
        ShapeGuard.Verdict denied = guard.check(ALICE, ShapeAccess.Operation.READ, params("id,title,secret", null));
        assertEquals(403, denied.status());
        assertEquals("{\"message\":\"Columns not allowed: title, secret\"}", denied.body());
        assertThrows(InvalidShapeException.class, () -> guard.check(ALICE, ShapeAccess.Operation.READ, params("id,\"open", null)));
    }

    @Test
    void shouldKeepTheProtocolParametersWhenARequestIsNarrowed() {
        io.shapesync.http.ShapeRequest req = io.shapesync.http.ShapeRequest.parse(
                "table=items&offset=0_0&handle=h1&live=true&cursor=7&where=id%20%3D%20%241&params[1]=x&secret=s");
        ShapeParams narrowed = new ShapeParams("items", "\"id\"", "(id = $1\n) AND (owner = 'a')", Map.of("1", "x"), Replica.DEFAULT,
                LogMode.FULL);
        io.shapesync.http.ShapeRequest n = req.withShape(narrowed);
        assertEquals(narrowed, n.shapeParams());
        assertEquals(List.of(req.offset(), req.handle(), req.live(), req.cursor(), req.secret()),
                List.of(n.offset(), n.handle(), n.live(), n.cursor(), n.secret()));
        assertSame(req, req.withShape(req.shapeParams()));
    }

    @Test
    void shouldReadTheSecretWhenTheRestOfTheQueryIsInvalid() {
        assertEquals("s1", io.shapesync.http.ShapeRequest.secret("offset=banana&secret=s1&api_secret=s2"));
        assertEquals("s2", io.shapesync.http.ShapeRequest.secret("api_secret=s2"));
        assertNull(io.shapesync.http.ShapeRequest.secret(null));
    }

    @Test
    void shouldTreatAnUnauthenticatedCallerAsInNoRole() {
        ShapeCaller nobody = new ShapeCaller(null, role -> true);
        assertNull(nobody.name());
        assertFalse(nobody.isInRole("shapesync-admin"));
        Principal p = () -> "bob";
        assertEquals("bob", new ShapeCaller(p, r -> false).name());
    }
}
