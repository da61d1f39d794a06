package io.shapesync.http;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS root: the API lives at {@code /v1/...} under the WAR's context root ({@code /} in production). */
@ApplicationPath("/")
public class ShapeSyncApplication extends Application {
}
