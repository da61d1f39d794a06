package io.shapesync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official-client end-to-end scripts (src/test/e2e/*.mjs), each run with {@code node} against one server: the
 * subclass says which ({@link OfficialClientIT} on Liberty, {@link WildFlyE2EIT} on WildFly).
 */
abstract class OfficialClientChecks {

    /** The application's base URL, without a trailing slash. */
    abstract String baseUrl();

    /** A short name of the server, for the log lines and the log folder. */
    abstract String serverName();

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

    /** Runs {@code node script}, its output in target/e2e-&lt;server&gt;/script.log; ended if still running after 240 s. */
    private String runNode(String script) throws IOException, InterruptedException {
        Path log = Path.of("target", "e2e-" + serverName(), script + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder("node", script).directory(new File("src/test/e2e"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SHAPESYNC_URL", baseUrl());
        pb.environment().put("DATABASE_URL", PgFixture.databaseUrl());
        Process p = pb.start();
        boolean finished = p.waitFor(240, TimeUnit.SECONDS);
        if (!finished) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        String prefix = "[" + serverName() + " " + script + "] ";
        System.out.println(prefix + output.replace("\n", "\n" + prefix));
        assertTrue(finished, "node did not finish within 240 s: " + output);
        assertEquals(0, p.exitValue(), output);
        return output;
    }
}
