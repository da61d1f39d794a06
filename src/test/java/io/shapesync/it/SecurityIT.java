package io.shapesync.it;

import static io.shapesync.it.AuthHttp.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Container security of the WAR as built (WEB-INF/web.xml) on the server config of server-config/ plus the test
 * users of src/test/liberty (it-admin in shapesync-admin, it-reader in shapesync-reader): the admin paths need role
 * shapesync-admin for every method, /v1/shape needs no login.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(120)
class SecurityIT {
    private static final List<String> ADMIN_PATHS = List.of("/v1/admin/shapes", "/v1/admin/", "/admin/", "/admin/index.html");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    private AuthHttp http() {
        return new AuthHttp(base);
    }

    @Test
    void shouldChallengeAnonymousCallersWhenTheyAskForAnAdminPath() throws Exception {
        for (String path : ADMIN_PATHS) {
            for (String method : METHODS) {
                HttpResponse<String> r = http().send(method, path, null, null);
                assertEquals(401, r.statusCode(), method + " " + path + ": " + r.body());
                if (!method.equals("HEAD")) {
                    assertTrue(r.headers().firstValue("www-authenticate").orElse("").startsWith("Basic"), method + " " + path);
                }
            }
        }
    }

    @Test
    void shouldForbidAdminPathsWhenTheCallerIsAReader() throws Exception {
        for (String path : ADMIN_PATHS) {
            for (String method : METHODS) {
                HttpResponse<String> r = http().send(method, path, basic("it-reader", "it-reader-pass"), null);
                assertEquals(403, r.statusCode(), method + " " + path + ": " + r.body());
            }
        }
    }

    @Test
    void shouldPassTheConstraintWhenTheCallerIsAnAdmin() throws Exception {
        for (String path : ADMIN_PATHS) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                HttpResponse<String> r = http().send(method, path, basic("it-admin", "it-admin-pass"), null);
                // the admin resources may not exist yet: anything but the container's 401/403 means the login passed
                assertNotEquals(401, r.statusCode(), method + " " + path + ": " + r.body());
                assertNotEquals(403, r.statusCode(), method + " " + path + ": " + r.body());
            }
        }
    }

    @Test
    void shouldRejectAdminLoginsWhenThePasswordIsWrongOrTheDefaultAdminHasNoPassword() throws Exception {
        assertEquals(401, http().get("/v1/admin/shapes", basic("it-admin", "wrong")).statusCode());
        assertEquals(401, http().get("/v1/admin/shapes", basic("it-admin", "")).statusCode());
        // server-config/security.xml's "admin" without SHAPESYNC_ADMIN_PASSWORD (the IT server sets none): no login
        assertEquals(401, http().get("/v1/admin/shapes", basic("admin", "")).statusCode());
        assertEquals(401, http().get("/v1/admin/shapes", basic("admin", "admin")).statusCode());
        assertEquals(401, http().get("/v1/admin/shapes", basic("admin", "${shapesync.admin.password}")).statusCode());
        assertEquals(401, http().get("/v1/admin/shapes", "Basic !!not-base64").statusCode());
    }

    @Test
    void shouldServeShapesWithoutLoginWhetherOrNotCredentialsAreSent() throws Exception {
        String table = PgFixture.uniqueTable("sec");
        PgFixture.execute("CREATE TABLE " + table + " (id int4 PRIMARY KEY, title text)", "INSERT INTO " + table + " VALUES (1, 'a')");
        for (String auth : new String[]{null, basic("it-reader", "it-reader-pass"), basic("it-admin", "it-admin-pass")}) {
            HttpResponse<String> r = http().get("/v1/shape?table=" + table + "&offset=-1", auth);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"title\":\"a\""), r.body());
            assertNotNull(r.headers().firstValue("electric-handle").orElse(null));
            // the default authorizer allows everything the same way: responses stay shared-cacheable
            assertNull(r.headers().firstValue("vary").orElse(null), "vary");
        }
        // credentials that fail do not turn the unprotected /v1/shape into a login page either
        HttpResponse<String> wrong = http().get("/v1/shape?table=" + table + "&offset=-1", basic("it-admin", "wrong"));
        assertEquals(200, wrong.statusCode(), wrong.body());
        HttpResponse<String> preflight = http().send("OPTIONS", "/v1/shape?table=" + table + "&offset=-1", null, null);
        assertEquals(204, preflight.statusCode());
        assertEquals(200, http().get("/v1/health", null).statusCode());
    }
}
