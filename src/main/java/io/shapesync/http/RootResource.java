package io.shapesync.http;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WAR's static files: {@code /} is the demo page ({@code index.html}), {@code /admin/} the admin page, and any
 * other path a file of the web module, outside {@code WEB-INF} and {@code META-INF}. JAX-RS owns the whole context
 * root ({@code @ApplicationPath("/")}, which keeps {@code /v1/...} where Electric has it), so the container's own
 * file serving never sees a request: this resource serves them. Resources with a longer literal path
 * ({@code /v1/shape}, {@code /v1/health}, {@code /v1/admin/...}) win the match.
 */
@Path("/")
@RequestScoped
public class RootResource {
    private static final Logger LOG = Logger.getLogger(RootResource.class.getName());
    private static final Set<String> HIDDEN = Set.of("web-inf", "meta-inf");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "json", "application/json", "map", "application/json", "txt", "text/plain; charset=utf-8");

    @GET
    public Response root(@Context ServletContext context, @Context HttpServletRequest request) {
        return file(context, request, "");
    }

    @GET
    @Path("{path: .+}")
    public Response file(@Context ServletContext context, @Context HttpServletRequest request, @PathParam("path") String path) {
        // JAX-RS drops a trailing slash (from the path parameter and its request URI); the servlet request keeps it
        boolean slash = request.getRequestURI().endsWith("/");
        String name = resourceName(slash && !path.endsWith("/") ? path + "/" : path);
        if (name == null) return notFound();
        try {
            if (name.endsWith("/")) {
                name += "index.html";
            } else if (isDirectory(context, name)) {
                // relative links in the page resolve against the directory only with the slash; JAX-RS resolves the
                // location against the application's base URI (the context root)
                return Response.status(301).location(URI.create(name.substring(1) + "/")).build();
            }
            InputStream in = context.getResourceAsStream(name);
            if (in == null) return notFound();
            byte[] body;
            try (in) {
                body = in.readAllBytes();
            }
            return Response.ok(body, contentType(name)).header("cache-control", "no-cache")
                    .header("x-content-type-options", "nosniff").build();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot read static file " + name, e);
            return Response.status(500).type("text/plain").entity("Cannot read " + name).build();
        }
    }

    /**
     * The web-module resource name for a request path ({@code /} + path), or null when the path is not a plain
     * file path: empty or dot segments, backslashes, or a first segment {@code WEB-INF}/{@code META-INF}.
     */
    static String resourceName(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.isEmpty()) return "/";
        if (p.indexOf('\\') >= 0 || p.indexOf('\0') >= 0) return null;
        String[] segments = p.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            boolean last = i == segments.length - 1;
            if ((s.isEmpty() && !last) || s.equals(".") || s.equals("..")) return null;
        }
        if (HIDDEN.contains(segments[0].toLowerCase(Locale.ROOT))) return null;
        return "/" + p;
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 || dot < name.lastIndexOf('/') ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, name.endsWith("LICENSE") ? "text/plain; charset=utf-8" : "application/octet-stream");
    }

    /** Whether {@code name} is a folder: its parent's listing names it with a trailing slash (Servlet spec). */
    private static boolean isDirectory(ServletContext context, String name) {
        Set<String> siblings = context.getResourcePaths(name.substring(0, name.lastIndexOf('/') + 1));
        return siblings != null && siblings.contains(name + "/");
    }

    private static Response notFound() {
        return Response.status(404).type("text/plain").entity("Not found").build();
    }
}
