package io.shapesync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official-client end-to-end scripts of {@link OfficialClientIT}, unchanged, against the same WAR on WildFly.
 * Run only by {@code mvn -Pwildfly verify}: liberty/wildfly/wildfly.sh starts WildFly and its Postgres before, stops
 * them after, and passes {@code shapesync.wildfly.url} and {@code shapesync.it.database-url} in
 * target/wildfly-run/e2e.properties.
 */
@Timeout(300)
class WildFlyE2EIT {

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

    private static String baseUrl() {
        String url = System.getProperty("shapesync.wildfly.url");
        if (url == null) throw new IllegalStateException("shapesync.wildfly.url is not set: run this test with mvn -Pwildfly verify");
        return url.replaceAll("/$", "");
    }

    /** Runs {@code node script} with its output in target/wildfly-run/script.log; ended if still running after 240 s. */
    private static String runNode(String script) throws Exception {
        Path log = Path.of("target/wildfly-run", script + ".log");
        ProcessBuilder pb = new ProcessBuilder("node", script).directory(new File("src/test/e2e"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SHAPESYNC_URL", baseUrl());
        pb.environment().put("DATABASE_URL", PgFixture.databaseUrl());
        Process p = pb.start();
        boolean finished = p.waitFor(240, TimeUnit.SECONDS);
        if (!finished) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("[wildfly " + script + "] " + output.replace("\n", "\n[wildfly " + script + "] "));
        assertTrue(finished, "node did not finish within 240 s: " + output);
        assertEquals(0, p.exitValue(), output);
        return output;
    }
}
