package io.shapesync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The official {@code @electric-sql/client} (npm, pinned in src/test/e2e/package.json) syncs a 10k-row table through
 * ShapeSync on Liberty, through a few hundred random writes, and ends equal to {@code SELECT * FROM} the table; shapes
 * with where clauses, params, column lists and replica modes end equal to the matching {@code SELECT} after random
 * updates move rows in and out of them; with {@code liveSse: true} the client stays on SSE (no long-poll fallback)
 * through random writes and a reconnect after the server ends its 60 s stream.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(300)
class OfficialClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    @Test
    void shouldMatchTableWhenOfficialClientSyncsThroughRandomWrites() throws Exception {
        String output = runNode("sync-check.mjs");
        assertTrue(output.contains("OK: the client matches the table"), output);
    }

    @Test
    void shouldMatchSelectWhenShapesWithWhereClausesSeeRowsMoveInAndOut() throws Exception {
        String output = runNode("where-check.mjs");
        assertTrue(output.contains("OK: every shape matches its SELECT"), output);
    }

    @Test
    void shouldMatchPostgresWhenOfficialClientRequestsSubsetSnapshots() throws Exception {
        String output = runNode("subset-check.mjs");
        assertTrue(output.contains("OK: subset snapshots match Postgres"), output);
    }

    @Test
    void shouldMatchTableWhenOfficialClientSyncsLiveOverSse() throws Exception {
        String output = runNode("sse-check.mjs");
        assertTrue(output.contains("OK: the SSE client matches the table"), output);
    }

    private String runNode(String script) throws Exception {
        String url = base.toString().replaceAll("/$", "");
        ProcessBuilder pb = new ProcessBuilder("node", script).directory(new File("src/test/e2e")).redirectErrorStream(true);
        pb.environment().put("SHAPESYNC_URL", url);
        pb.environment().put("DATABASE_URL", PgFixture.databaseUrl());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "node did not finish");
        System.out.println("[" + script + "] " + output.replace("\n", "\n[" + script + "] "));
        assertEquals(0, p.exitValue(), output);
        return output;
    }
}
