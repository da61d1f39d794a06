package io.shapesync.it;

import static io.shapesync.it.AuthHttp.bearer;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/security.md's MicroProfile JWT example on the IT server: server-config/mp-jwt.xml (enabled by the test-only
 * override), the WAR with src/test/resources/security/jwt-web.xml, this run's public key and issuer as MicroProfile
 * Config, and {@link JwtItAuthorizer} (readers see only their own rows and columns id, owner, title).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(180)
class JwtIT {
    private static final KeyPair KEYS = Jwts.newKeyPair();
    private static final List<String> READER = List.of("shapesync-reader");
    private static final List<String> ADMIN = List.of("shapesync-admin");

    @Deployment(testable = false)
    static WebArchive deployment() {
        String pem = Jwts.pem(KEYS.getPublic()).replace("\n", "\\n");
        return SecurityDeployments.war("shapesync-jwt.war",
                        "mp.jwt.verify.publickey=" + pem + "\nmp.jwt.verify.issuer=" + Jwts.ISSUER + "\n", JwtItAuthorizer.class)
                .setWebXML(new File("src/test/resources/security/jwt-web.xml"));
    }

    @ArquillianResource
    URL base;

    private AuthHttp http() {
        return new AuthHttp(base);
    }

    private static String token(String user, List<String> groups) {
        return bearer(Jwts.token(KEYS.getPrivate(), user, groups));
    }

    private static String notes() throws Exception {
        String table = PgFixture.uniqueTable("notes");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, owner text NOT NULL, title text, secret_note text)",
                "INSERT INTO " + table + " VALUES (1, 'alice', 'a1', 's1'), (2, 'bob', 'b1', 's2'), (3, 'alice', 'a2', 's3'), "
                        + "(4, 'o''hara', 'q1', 's4')");
        return table;
    }

    /** The ids of the rows of a shape response (an array of messages) or a subset snapshot ({@code {"data": [...]}}). */
    private static Set<String> ids(HttpResponse<String> r) {
        Set<String> ids = new TreeSet<>();
        JsonArray messages = r.body().startsWith("{") ? ShapeHttp.json(r).getJsonArray("data") : ShapeHttp.messages(r);
        for (JsonValue v : messages) {
            JsonObject m = v.asJsonObject();
            if (m.containsKey("value")) ids.add(m.getJsonObject("value").getString("id"));
        }
        return ids;
    }

    private static Set<String> valueKeys(HttpResponse<String> r) {
        Set<String> keys = new TreeSet<>();
        for (JsonValue v : ShapeHttp.messages(r)) {
            JsonObject m = v.asJsonObject();
            if (m.containsKey("value")) keys.addAll(m.getJsonObject("value").keySet());
        }
        return keys;
    }

    @Test
    void shouldAnswer401WhenTheTokenIsMissingExpiredOrForged() throws Exception {
        String shape = "/v1/shape?table=" + notes() + "&offset=-1";
        assertEquals(401, http().get(shape, null).statusCode());
        long now = System.currentTimeMillis() / 1000;
        String expired = Jwts.token(KEYS.getPrivate(), "alice", READER, now - 3600, now - 1800);
        assertEquals(401, http().get(shape, bearer(expired)).statusCode());
        String forged = Jwts.token(Jwts.newKeyPair().getPrivate(), "alice", ADMIN);
        assertEquals(401, http().get(shape, bearer(forged)).statusCode());
        // a reader's valid token with its claims swapped for an admin's: the signature no longer matches
        String[] reader = Jwts.token(KEYS.getPrivate(), "alice", READER).split("\\.");
        String[] admin = Jwts.token(KEYS.getPrivate(), "alice", ADMIN).split("\\.");
        assertEquals(401, http().get(shape, bearer(reader[0] + "." + admin[1] + "." + reader[2])).statusCode());
        assertEquals(401, http().get(shape, "Bearer not-a-token").statusCode());
        assertEquals(401, http().send("POST", shape, null, "{\"where\":\"id = 1\"}").statusCode());
        // the CORS preflight needs no token
        assertEquals(204, http().send("OPTIONS", shape, null, null).statusCode());
    }

    @Test
    void shouldServeEveryRowToAnAdminAndOnlyTheirOwnRowsToAReader() throws Exception {
        String table = notes();
        String shape = "/v1/shape?table=" + table + "&offset=-1";
        HttpResponse<String> admin = http().get(shape, token("carol", ADMIN));
        assertEquals(200, admin.statusCode(), admin.body());
        assertEquals(Set.of("1", "2", "3", "4"), ids(admin));
        assertTrue(valueKeys(admin).contains("secret_note"), admin.body());
        assertEquals("Authorization, Cookie", admin.headers().firstValue("vary").orElse(null));

        HttpResponse<String> alice = http().get(shape, token("alice", READER));
        assertEquals(200, alice.statusCode(), alice.body());
        assertEquals(Set.of("1", "3"), ids(alice));
        assertEquals(Set.of("id", "owner", "title"), valueKeys(alice));
        assertEquals("Authorization, Cookie", alice.headers().firstValue("vary").orElse(null));
        HttpResponse<String> bob = http().get(shape, token("bob", READER));
        assertEquals(Set.of("2"), ids(bob));
        HttpResponse<String> quoted = http().get(shape, token("o'hara", READER));
        assertEquals(200, quoted.statusCode(), quoted.body());
        assertEquals(Set.of("4"), ids(quoted));

        // three shapes, three handles: no cached response of one is valid for another
        String adminHandle = admin.headers().firstValue("electric-handle").orElseThrow();
        String aliceHandle = alice.headers().firstValue("electric-handle").orElseThrow();
        String bobHandle = bob.headers().firstValue("electric-handle").orElseThrow();
        assertEquals(3, Set.of(adminHandle, aliceHandle, bobHandle).size());
        HttpResponse<String> borrowed = http().get("/v1/shape?table=" + table + "&offset=0_0&handle=" + adminHandle, token("alice", READER));
        assertEquals(409, borrowed.statusCode(), borrowed.body());
        assertEquals(aliceHandle, borrowed.headers().firstValue("electric-handle").orElse(null));
    }

    @Test
    void shouldNarrowSubsetsLiveUpdatesAndSseWhenTheCallerIsAReader() throws Exception {
        String table = notes();
        String alice = token("alice", READER);
        HttpResponse<String> first = http().get("/v1/shape?table=" + table + "&offset=-1", alice);
        assertEquals(200, first.statusCode(), first.body());
        String handle = first.headers().firstValue("electric-handle").orElseThrow();
        String offset = first.headers().firstValue("electric-offset").orElseThrow();

        // a subset within the narrowed shape: alice's rows with id >= 1 are 1 and 3, never bob's 2
        HttpResponse<String> subset = http().send("POST", "/v1/shape?table=" + table + "&offset=-1", alice, "{\"where\":\"id >= 1\"}");
        assertEquals(200, subset.statusCode(), subset.body());
        assertEquals(Set.of("1", "3"), ids(subset));

        // a client where clause is AND-ed, and cannot break out of its parentheses
        HttpResponse<String> own = http().get("/v1/shape?table=" + table + "&offset=-1&where=" + ShapeHttp.enc("id > 1"), alice);
        assertEquals(Set.of("3"), ids(own));
        HttpResponse<String> escape = http().get("/v1/shape?table=" + table + "&offset=-1&where=" + ShapeHttp.enc("true) OR (true"), alice);
        assertEquals(400, escape.statusCode(), escape.body());
        HttpResponse<String> comment = http().get("/v1/shape?table=" + table + "&offset=-1&where=" + ShapeHttp.enc("id > 0 --"), alice);
        assertEquals(Set.of("1", "3"), ids(comment));
        HttpResponse<String> hidden = http().get("/v1/shape?table=" + table + "&offset=-1&columns=id,secret_note", alice);
        assertEquals(403, hidden.statusCode(), hidden.body());
        assertEquals(403, http().send("DELETE", "/v1/shape?table=" + table, alice, null).statusCode());

        // live: bob's new row never reaches alice; her own does
        PgFixture.execute("INSERT INTO " + table + " VALUES (10, 'bob', 'b2', 'x')", "INSERT INTO " + table + " VALUES (11, 'alice', 'a3', 'y')");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> live = http().get("/v1/shape?table=" + table + "&offset=" + offset + "&handle=" + handle, alice);
            assertEquals(200, live.statusCode(), live.body());
            assertEquals(Set.of("11"), ids(live));
        });

        HttpResponse<InputStream> sse = http().open("/v1/shape?table=" + table + "&offset=" + offset + "&handle=" + handle
                + "&live=true&live_sse=true&cursor=", alice);
        try (InputStream body = sse.body()) {
            assertEquals(200, sse.statusCode());
            assertTrue(sse.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            assertEquals("Authorization, Cookie", sse.headers().firstValue("vary").orElse(null));
        }
        HttpResponse<String> sseAsBob = http().get("/v1/shape?table=" + table + "&offset=" + offset + "&handle=" + handle
                + "&live=true&live_sse=true&cursor=", token("bob", READER));
        assertEquals(409, sseAsBob.statusCode(), sseAsBob.body());
        assertFalse(sseAsBob.body().contains("alice"), sseAsBob.body());
    }

    @Test
    void shouldForbidShapesWhenTheTokenHasNoShapeRole() throws Exception {
        HttpResponse<String> r = http().get("/v1/shape?table=" + notes() + "&offset=-1", token("mallory", List.of("other")));
        assertEquals(403, r.statusCode(), r.body());
        assertNotEquals(200, http().get("/v1/admin/shapes", token("alice", READER)).statusCode());
        HttpResponse<String> adminPath = http().get("/v1/admin/shapes", token("carol", ADMIN));
        assertNotEquals(401, adminPath.statusCode());
        assertNotEquals(403, adminPath.statusCode());
    }
}
