package io.shapesync.http.admin;

import io.shapesync.http.LongPolls;
import io.shapesync.shapes.Shape;
import io.shapesync.shapes.ShapeRegistry;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.logging.Logger;

/**
 * {@code /v1/admin/shapes}: the live shapes in creation order, a page at a time, and deleting one. A delete
 * invalidates the shape exactly as {@code DELETE /v1/shape} does ({@link ShapeRegistry#invalidate}): parked clients
 * are answered 409 at once, later requests with the old handle get 409, and the next request creates it anew.
 */
@Path("/v1/admin/shapes")
@RequestScoped
public class AdminShapesResource {
    private static final Logger LOG = Logger.getLogger(AdminShapesResource.class.getName());
    private static final Comparator<Shape> ORDER = Comparator.comparing(Shape::id, ShapePage.idOrder());

    private final ShapeRegistry registry;
    private final LongPolls polls;

    @Inject
    public AdminShapesResource(ShapeRegistry registry, LongPolls polls) {
        this.registry = registry;
        this.polls = polls;
    }

    public AdminShapesResource() {
        this(null, null);
    }

    @GET
    public Response list(@QueryParam("limit") String limit, @QueryParam("offset") String offset,
                         @QueryParam("table") String table) {
        PageQuery q;
        try {
            q = PageQuery.parse(limit, offset, table);
        } catch (PageQuery.InvalidParameterException e) {
            return AdminResponses.badRequest(e.field(), e.getMessage());
        }
        ShapePage<Shape> page = ShapePage.select(registry.shapes(), s -> q.matches(ShapeSummary.tableName(s)), ORDER,
                q.offset(), q.limit());
        JsonArrayBuilder shapes = Json.createArrayBuilder();
        for (Shape s : page.items()) shapes.add(ShapeSummary.of(s, registry.params(s), polls.waiting(s.id())).toJson());
        return AdminResponses.json(200, Json.createObjectBuilder().add("total", page.total()).add("offset", page.offset())
                .add("limit", page.limit()).add("shapes", shapes).build());
    }

    /** 204 when the shape (by current or retired handle, or id) was live and is now gone; 404 otherwise. */
    @DELETE
    @Path("{handle}")
    public Response delete(@PathParam("handle") String handle) {
        Shape shape = registry.byHandle(handle).or(() -> registry.byId(handle)).orElse(null);
        if (shape == null || shape.status() == Shape.Status.INVALIDATED) {
            return AdminResponses.message(404, "No shape with handle " + handle);
        }
        registry.invalidate(shape, "deleted through the admin API");
        LOG.info(() -> "Shape " + handle + " deleted through the admin API");
        return Response.noContent().header("cache-control", "no-store").build();
    }
}
