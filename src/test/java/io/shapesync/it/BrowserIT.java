package io.shapesync.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The demo page ({@code /}) and the admin page ({@code /admin/}) in headless Chromium (Debian's {@code chromium},
 * driven by playwright-core from src/test/e2e/browser-check.mjs): the demo page's rows equal the table through
 * writes; the admin page lists the shape and deletes it. Screenshots land in target/screenshots/. Without Chromium
 * this test fails (CI installs it): a browser test that skips itself would pass while testing nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(300)
class BrowserIT {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    @Test
    void shouldRenderTableAndAdminShapeWhenPagesRunInChromium() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "No Chromium at " + CHROMIUM + ": BrowserIT needs Debian's chromium package "
                + "(apt-get install --no-install-recommends chromium), or CHROMIUM=<path>");
        for (String name : new String[] {"demo.png", "admin.png", "admin-after-delete.png"}) {
            Files.deleteIfExists(SCREENSHOTS.resolve(name));
        }
        String output = runNode("browser-check.mjs");
        assertTrue(output.contains("OK: browser check passed"), output);
        for (String name : new String[] {"demo.png", "admin.png", "admin-after-delete.png"}) {
            Path shot = SCREENSHOTS.resolve(name);
            assertTrue(Files.exists(shot), "no screenshot " + shot);
            long size = Files.size(shot);
            // measured with this Chromium: a blank 1280x800 page 4.7 KB, a heading and one line 11 KB
            assertTrue(size > 15_000, shot + " is only " + size + " bytes");
            byte[] magic = Files.readAllBytes(shot);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(magic, 4), shot + " is no PNG");
        }
    }

    /** The WAR serves the client the e2e tests pin: the checked-in copy must not drift from the npm package. */
    @Test
    void shouldServeTheOfficialClientWhenPinnedVersionIsVendored() throws Exception {
        Path vendored = Path.of("src/main/webapp/vendor/electric-sql-client/index.browser.mjs");
        Path npm = Path.of("src/test/e2e/node_modules/@electric-sql/client/dist/index.browser.mjs");
        assertTrue(Files.exists(npm), "npm ci did not install @electric-sql/client in src/test/e2e");
        assertArrayEquals(Files.readAllBytes(npm), Files.readAllBytes(vendored),
                "src/main/webapp/vendor/electric-sql-client/index.browser.mjs differs from the pinned npm package: copy it again");
    }

    private String runNode(String script) throws Exception {
        String url = base.toString().replaceAll("/$", "");
        ProcessBuilder pb = new ProcessBuilder("node", script).directory(new File("src/test/e2e")).redirectErrorStream(true);
        pb.environment().put("SHAPESYNC_URL", url);
        pb.environment().put("DATABASE_URL", PgFixture.databaseUrl());
        pb.environment().put("SCREENSHOT_DIR", SCREENSHOTS.toAbsolutePath().toString());
        pb.environment().put("CHROMIUM", CHROMIUM.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "node did not finish");
        System.out.println("[" + script + "] " + output.replace("\n", "\n[" + script + "] "));
        assertEquals(0, p.exitValue(), output);
        return output;
    }
}
