package io.shapesync.it;

import org.junit.jupiter.api.Timeout;

/**
 * The official-client end-to-end scripts of {@link OfficialClientIT}, unchanged, against the same WAR on WildFly.
 * Run only by {@code mvn -Pwildfly verify}: liberty/wildfly/wildfly.sh starts WildFly and its Postgres before, stops
 * them after, and passes {@code shapesync.wildfly.url} and {@code shapesync.it.database-url} in
 * target/wildfly-run/e2e.properties.
 */
@Timeout(300)
class WildFlyE2EIT extends OfficialClientChecks {

    @Override
    String baseUrl() {
        String url = System.getProperty("shapesync.wildfly.url");
        if (url == null) throw new IllegalStateException("shapesync.wildfly.url is not set: run this test with mvn -Pwildfly verify");
        return url.replaceAll("/$", "");
    }

    @Override
    String serverName() {
        return "wildfly";
    }
}
