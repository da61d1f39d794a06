package io.shapesync.http;

import io.shapesync.config.SyncConfig;
import io.shapesync.http.auth.ShapeAccess;
import io.shapesync.http.auth.ShapeCaller;
import io.shapesync.http.auth.ShapeGuard;
import io.shapesync.shapes.Shape;
import io.shapesync.shapes.ShapeRegistry;
import io.shapesync.shapes.SubsetQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads of {@code /v1/shape} (spec §5), whoever took the request: the JAX-RS resource, or {@link LiveFilter} for live
 * long-polls. API secret, validation, the shape authorizer, admission control and the handle check, then
 * {@link ShapeResponder}; the answer goes to an {@link Exchange}.
 */
@ApplicationScoped
public class ShapeService {
    private final ShapeRegistry registry;
    private final ShapeResponder responder;
    private final SyncConfig config;
    private final Admission admission;
    private final ShapeGuard guard;

    @Inject
    public ShapeService(ShapeRegistry registry, ShapeResponder responder, SyncConfig config, Admission admission, ShapeGuard guard) {
        this.registry = registry;
        this.responder = responder;
        this.config = config;
        this.admission = admission;
        this.guard = guard;
    }

    protected ShapeService() {
        this(null, null, null, null, null);
    }

    /** A GET (or HEAD) from its raw query string. */
    public void get(String rawQuery, ShapeCaller caller, String ifNoneMatch, Exchange ex) {
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> q;
        try {
            q = ShapeRequest.parseQuery(rawQuery, params);
        } catch (RuntimeException e) {
            ex.send(ShapeResource.errorResponse(e));
            return;
        }
        get(q, params, caller, ifNoneMatch, ex);
    }

    /** A GET from a query split by {@link ShapeRequest#parseQuery} (into {@code q} and {@code params}). */
    public void get(Map<String, String> q, Map<String, String> params, ShapeCaller caller, String ifNoneMatch, Exchange ex) {
        try {
            if (!ShapeResource.authorized(config, ShapeRequest.secretIn(q))) {
                ex.send(Responses.unauthorized());
                return;
            }
            serve(ShapeRequest.parse(q, params, null), caller, ifNoneMatch, ex);
        } catch (RuntimeException e) {
            ex.send(ShapeResource.errorResponse(e));
        }
    }

    /** A validated request (a GET, or a POST's subset); runtime exceptions are the caller's to answer. */
    public void serve(ShapeRequest req, ShapeCaller caller, String ifNoneMatch, Exchange ex) {
        Admitted admitted = admit(req, caller, req.subset() != null ? ShapeAccess.Operation.SUBSET : ShapeAccess.Operation.READ);
        if (admitted.rejection() != null) {
            ex.send(admitted.rejection());
            return;
        }
        ex.whenDone(admitted.ticket()::close);
        req = admitted.request();
        Shape shape = admitted.shape();
        // GET/HEAD with live_sse are served by LiveFilter before JAX-RS; a subset request ignores live_sse
        if (req.subset() != null) {
            req.subset().validate();
            SubsetQuery query = SubsetQuery.compile(shape, req.subset().where(), req.subset().params(), req.subset().orderBy(),
                    req.subset().limit(), req.subset().offset());
            if (!req.initial() && !acceptsHandle(shape, req)) {
                ex.send(Responses.mustRefetch(shape.handle()));
                return;
            }
            ex.send(responder.subsetResponse(req, shape, registry.runSubset(query)));
            return;
        }
        if (!req.initial() && !acceptsHandle(shape, req)) {
            ex.send(Responses.mustRefetch(shape.handle()));
            return;
        }
        responder.serve(req, shape, ifNoneMatch, ex);
    }

    /**
     * The steps every read of a shape takes first (long-poll, catch-up, subset, SSE): the shape authorizer (which may
     * reject the request or narrow the shape it reads, docs/security.md), admission control, then the shape, created
     * when missing. The caller closes the ticket when its answer is done.
     *
     * @throws Admission.OverloadedException when the request's bucket is full
     */
    public Admitted admit(ShapeRequest req, ShapeCaller caller, ShapeAccess.Operation operation) {
        ShapeGuard.Verdict verdict = guard.check(caller, operation, req.shapeParams());
        if (verdict.rejected()) return new Admitted(null, null, null, Responses.noStore(verdict.status(), verdict.body()));
        ShapeRequest narrowed = req.withShape(verdict.params());
        Admission.Ticket ticket = admission.enter(narrowed);
        try {
            Shape shape = registry.getOrCreate(narrowed.shapeParams());
            shape.touch();
            return new Admitted(narrowed, shape, ticket, null);
        } catch (RuntimeException e) {
            ticket.close();
            throw e;
        }
    }

    /** An admitted request (as narrowed), its shape and admission ticket; or only the rejection to answer. */
    public record Admitted(ShapeRequest request, Shape shape, Admission.Ticket ticket, jakarta.ws.rs.core.Response rejection) {
    }

    /** The current handle, or one a compaction replaced while the request's offset is still valid under it. */
    private static boolean acceptsHandle(Shape shape, ShapeRequest req) {
        return shape.view().accepts(req.handle(), req.offset());
    }
}
