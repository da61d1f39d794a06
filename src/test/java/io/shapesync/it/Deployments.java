package io.shapesync.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the build produced, deployed under its own name (context root {@code /shapesync-it/}). */
final class Deployments {
    private Deployments() {
    }

    static WebArchive war() {
        return ShrinkWrap.create(ZipImporter.class, "shapesync-it.war").importFrom(new File("target/shapesync.war"))
                .as(WebArchive.class);
    }
}
