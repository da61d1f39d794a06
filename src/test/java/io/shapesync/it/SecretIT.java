package io.shapesync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The API secret (spec §15) on every method and path form of /v1/shape: no shape data, no validation, without it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(120)
class SecretIT {
    private static final String SECRET = "it-secret-2f6c";
    private static final String UNAUTHORIZED = "{\"message\":\"Unauthorized - Invalid API secret\"}";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return SecurityDeployments.war("shapesync-secret.war", "sync.secret=" + SECRET + "\n");
    }

    @ArquillianResource
    URL base;

    private AuthHttp http() {
        return new AuthHttp(base);
    }

    private static String table() throws Exception {
        String table = PgFixture.uniqueTable("secret");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, title text)", "INSERT INTO " + table + " VALUES (1, 'hidden')");
        return table;
    }

    private static void assertUnauthorized(HttpResponse<String> r, String what) {
        assertEquals(401, r.statusCode(), what + ": " + r.body());
        assertEquals(UNAUTHORIZED, r.body(), what);
        assertEquals("no-store", r.headers().firstValue("cache-control").orElse(null), what);
    }

    @Test
    void shouldAnswer401OnEveryMethodWhenTheSecretIsMissingOrWrong() throws Exception {
        String table = table();
        String shape = "/v1/shape?table=" + table + "&offset=-1";
        for (String suffix : new String[]{"", "&secret=wrong", "&api_secret=wrong", "&secret=" + SECRET.substring(1), "&secret="}) {
            assertUnauthorized(http().get(shape + suffix, null), "GET" + suffix);
            assertUnauthorized(http().send("POST", shape + suffix, null, "{\"where\":\"id = 1\"}"), "POST" + suffix);
            assertUnauthorized(http().send("DELETE", "/v1/shape?table=" + table + suffix, null, null), "DELETE" + suffix);
            assertUnauthorized(http().get("/v1/shape/?table=" + table + "&offset=-1" + suffix, null), "GET trailing slash" + suffix);
            HttpResponse<String> head = http().send("HEAD", shape + suffix, null, null);
            assertEquals(401, head.statusCode(), "HEAD" + suffix);
        }
    }

    @Test
    void shouldAnswer401BeforeValidatingWhenTheSecretIsMissing() throws Exception {
        assertUnauthorized(http().get("/v1/shape?offset=banana", null), "invalid offset");
        assertUnauthorized(http().send("POST", "/v1/shape?table=x&offset=-1", null, "not json"), "invalid body");
        assertUnauthorized(http().get("/v1/shape?table=x&offset=0_0&handle=h&live=true&live_sse=true", null), "SSE");
        assertUnauthorized(http().get("/v1/shape?table=x&offset=0_0&handle=h&live=true&experimental_live_sse=true&secret=no", null),
                "SSE, deprecated flag");
    }

    @Test
    void shouldServeEveryMethodWhenTheSecretIsRight() throws Exception {
        String table = table();
        HttpResponse<String> get = http().get("/v1/shape?table=" + table + "&offset=-1&secret=" + SECRET, null);
        assertEquals(200, get.statusCode(), get.body());
        assertTrue(get.body().contains("hidden"), get.body());
        String handle = get.headers().firstValue("electric-handle").orElseThrow();
        HttpResponse<String> legacy = http().get("/v1/shape?table=" + table + "&offset=-1&api_secret=" + SECRET, null);
        assertEquals(200, legacy.statusCode(), legacy.body());
        HttpResponse<String> post = http().send("POST", "/v1/shape?table=" + table + "&offset=-1&secret=" + SECRET, null,
                "{\"where\":\"id = 1\"}");
        assertEquals(200, post.statusCode(), post.body());
        assertTrue(post.body().contains("hidden"), post.body());
        HttpResponse<java.io.InputStream> sse = http().open("/v1/shape?table=" + table + "&offset=0_0&handle=" + handle
                + "&live=true&live_sse=true&secret=" + SECRET + "&cursor=", null);
        try (java.io.InputStream body = sse.body()) {
            assertEquals(200, sse.statusCode());
            assertTrue(sse.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"), sse.headers().toString());
        }
        HttpResponse<String> delete = http().send("DELETE", "/v1/shape?table=" + table + "&secret=" + SECRET, null, null);
        assertEquals(202, delete.statusCode(), delete.body());
        // OPTIONS (CORS preflight) needs no secret
        assertEquals(204, http().send("OPTIONS", "/v1/shape?table=" + table, null, null).statusCode());
    }
}
