package io.shapesync.http.auth;

/**
 * Decides, per request, whether the caller may read a shape, and may narrow it. Provide one as a CDI bean that
 * replaces {@link AllowAllShapeAuthorizer}:
 * <pre>{@code
 * @ApplicationScoped @Alternative @Priority(100)
 * public class TenantAuthorizer implements ShapeAuthorizer {
 *     public ShapeDecision authorize(ShapeCaller caller, ShapeAccess access) {
 *         if (caller.principal() == null) return ShapeDecision.reject(401, "Login required");
 *         if (caller.isInRole("shapesync-admin")) return ShapeDecision.allow();
 *         return ShapeDecision.narrow("owner = " + ShapeDecision.literal(caller.name()), null);
 *     }
 * }
 * }</pre>
 * Called on the request thread for every {@code /v1/shape} GET, HEAD, SSE, POST subset and DELETE after the API
 * secret check: keep it fast (no blocking I/O without a cache). An exception it throws is answered 500.
 */
public interface ShapeAuthorizer {

    ShapeDecision authorize(ShapeCaller caller, ShapeAccess access);

    /**
     * Whether decisions depend on who calls: responses then carry {@code Vary: Authorization, Cookie} so that shared
     * caches key them per caller (docs/security.md). True unless an implementation says otherwise.
     */
    default boolean variesByCaller() {
        return true;
    }
}
