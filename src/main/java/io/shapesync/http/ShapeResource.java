package io.shapesync.http;

import io.shapesync.config.SyncConfig;
import io.shapesync.http.auth.ShapeAccess;
import io.shapesync.http.auth.ShapeCaller;
import io.shapesync.http.auth.ShapeGuard;
import io.shapesync.shapes.InvalidShapeException;
import io.shapesync.shapes.LogMode;
import io.shapesync.shapes.Replica;
import io.shapesync.shapes.Shape;
import io.shapesync.shapes.ShapeParams;
import io.shapesync.shapes.ShapeRegistry;
import io.shapesync.shapes.ShapeUnavailableException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code /v1/shape}: initial sync, catch-up and live HEADs; DELETE when enabled; CORS preflight (live GETs: {@link LiveFilter}). */
@Path("/v1/shape")
@RequestScoped
public class ShapeResource {
    private static final Logger LOG = Logger.getLogger(ShapeResource.class.getName());

    private final ShapeRegistry registry;
    private final ShapeService shapes;
    private final SyncConfig config;
    private final ShapeGuard guard;

    @Inject
    public ShapeResource(ShapeRegistry registry, ShapeService shapes, SyncConfig config, ShapeGuard guard) {
        this.registry = registry;
        this.shapes = shapes;
        this.config = config;
        this.guard = guard;
    }

    /**
     * For the CDI proxy. Public because RESTEasy on WildFly rejects a resource class without a public constructor it
     * could call itself (RESTEASY003190), although CDI creates the instances through the {@code @Inject} constructor.
     */
    public ShapeResource() {
        this(null, null, null, null);
    }

    @GET
    public void get(@Context jakarta.servlet.http.HttpServletRequest request, @Context SecurityContext security, @HeaderParam("If-None-Match") String ifNoneMatch,
                    @Suspended AsyncResponse async) {
        // the servlet's raw query string: UriInfo.getRequestUri() builds a URI per request (a tenth of the allocation
        // under 10,000 long-polling clients)
        shapes.get(request.getQueryString(), ShapeCaller.of(security), ifNoneMatch, new AsyncExchange(async));
    }

    /** A subset snapshot with its parameters in a JSON body (spec §10); the shape is named by the URL. */
    @POST
    public void post(@Context UriInfo uri, @Context SecurityContext security, String body, @Suspended AsyncResponse async) {
        try {
            if (!authorized(ShapeRequest.secret(uri.getRequestUri().getRawQuery()))) {
                async.resume(Responses.unauthorized());
                return;
            }
            SubsetRequest subset;
            if (body == null || body.isBlank()) {
                subset = new SubsetRequest(null, Map.of(), null, null, null);
            } else {
                JsonValue v;
                try (JsonReader r = Json.createReader(new StringReader(body))) {
                    v = r.readValue();
                } catch (JsonException | IllegalStateException e) {
                    async.resume(Responses.noStore(400, "{\"error\":\"Invalid JSON in request body\",\"details\":"
                            + io.shapesync.shapes.Json.quoted(String.valueOf(e.getMessage())) + "}"));
                    return;
                }
                if (!(v instanceof JsonObject o)) {
                    async.resume(Responses.noStore(400, "{\"error\":\"Request body must be a JSON object\"}"));
                    return;
                }
                subset = SubsetRequest.fromBody(o);
            }
            shapes.serve(ShapeRequest.parse(uri.getRequestUri().getRawQuery(), subset), ShapeCaller.of(security), null, new AsyncExchange(async));
        } catch (RuntimeException e) {
            async.resume(errorResponse(e));
        }
    }

    @DELETE
    public Response delete(@Context UriInfo uri, @Context SecurityContext security) {
        try {
            Map<String, String> q = ShapeRequest.parseQuery(uri.getRequestUri().getRawQuery(), new LinkedHashMap<>());
            if (!authorized(q.containsKey("secret") ? q.get("secret") : q.get("api_secret"))) return Responses.unauthorized();
            if (!config.deleteEnabled()) return Responses.message(405, "DELETE not allowed");
            String handle = q.get("handle");
            Shape shape;
            if (handle != null && !handle.isEmpty()) {
                // by handle alone the authorizer sees no definition (table null); it may allow or reject, not narrow
                ShapeParams none = new ShapeParams(null, null, null, Map.of(), Replica.DEFAULT, LogMode.FULL);
                ShapeGuard.Verdict verdict = guard.check(ShapeCaller.of(security), ShapeAccess.Operation.DELETE, none);
                if (verdict.rejected()) return Responses.noStore(verdict.status(), verdict.body());
                if (!verdict.params().equals(none)) return Responses.message(403, "Delete this shape by its definition (table, where, columns)");
                shape = registry.byHandle(handle).orElse(null);
            } else {
                String table = q.get("table");
                if (table == null || table.isEmpty()) return Responses.badRequest("table", "can't be blank");
                ShapeRequest req = ShapeRequest.parse(uri.getRequestUri().getRawQuery() + "&offset=-1");
                ShapeGuard.Verdict verdict = guard.check(ShapeCaller.of(security), ShapeAccess.Operation.DELETE, req.shapeParams());
                if (verdict.rejected()) return Responses.noStore(verdict.status(), verdict.body());
                shape = registry.getOrCreate(verdict.params());
            }
            if (shape == null) return Responses.message(404, "No existing shape found");
            registry.invalidate(shape, "deleted through the API");
            return Response.accepted().header("cache-control", "no-cache").build();
        } catch (RuntimeException e) {
            return errorResponse(e);
        }
    }

    @OPTIONS
    public Response preflight(@HeaderParam("Access-Control-Request-Headers") String requested) {
        Response.ResponseBuilder rb = Response.noContent().header("access-control-max-age", "86400");
        if (requested != null) {
            StringBuilder allowed = new StringBuilder();
            for (String h : requested.split(",")) {
                String name = h.trim().toLowerCase(Locale.ROOT);
                if (name.equals("if-none-match") || name.equals("traceparent") || name.equals("content-type")
                        || name.equals("authorization")) {
                    if (!allowed.isEmpty()) allowed.append(", ");
                    allowed.append(name);
                }
            }
            if (!allowed.isEmpty()) rb.header("access-control-allow-headers", allowed.toString());
        }
        return rb.build();
    }

    private boolean authorized(String given) {
        return authorized(config, given);
    }

    static boolean authorized(SyncConfig config, String given) {
        if (config.secret().isEmpty()) return true;
        if (given == null) return false;
        return MessageDigest.isEqual(config.secret().get().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    static Response errorResponse(RuntimeException e) {
        if (e instanceof BadRequestException b) return Responses.badRequest(b.errors());
        if (e instanceof Admission.OverloadedException o) return Responses.overloaded(o.initial, o.limit);
        if (e instanceof InvalidShapeException i) return Responses.badRequest(i.field(), i.getMessage());
        if (e instanceof ShapeUnavailableException u) {
            LOG.log(Level.WARNING, "Shape request failed: {0}", u.getMessage());
            return Responses.databaseUnreachable();
        }
        LOG.log(Level.SEVERE, "Unexpected error serving a shape request", e);
        return Responses.internalError();
    }
}
