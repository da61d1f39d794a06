package io.shapesync.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR the build produced, as an organisation would deploy it with its own settings: extra MicroProfile Config
 * (a {@code WEB-INF/lib} jar whose {@code microprofile-config.properties} has ordinal 150, above the WAR's defaults
 * and below the environment) and extra classes (an authorizer bean).
 */
final class SecurityDeployments {
    private SecurityDeployments() {
    }

    static WebArchive war(String name, String configProperties, Class<?>... classes) {
        WebArchive war = ShrinkWrap.create(ZipImporter.class, name).importFrom(new File("target/shapesync.war")).as(WebArchive.class);
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "it-config.jar")
                .addAsManifestResource(new StringAsset("config_ordinal=150\n" + configProperties), "microprofile-config.properties");
        war.addAsLibrary(config);
        war.addClasses(classes);
        return war;
    }
}
