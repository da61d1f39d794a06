package io.shapesync.it;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
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
class OfficialClientIT extends OfficialClientChecks {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL base;

    @Override
    String baseUrl() {
        return base.toString().replaceAll("/$", "");
    }

    @Override
    String serverName() {
        return "liberty";
    }
}
