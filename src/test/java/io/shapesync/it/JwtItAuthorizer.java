package io.shapesync.it;

import io.shapesync.http.auth.ShapeAccess;
import io.shapesync.http.auth.ShapeAuthorizer;
import io.shapesync.http.auth.ShapeCaller;
import io.shapesync.http.auth.ShapeDecision;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;

/**
 * JwtIT's authorizer, deployed only in its WAR (docs/security.md's example): admins read whole shapes; readers read
 * only their own rows ({@code owner} = their name) of the columns id, owner and title, and may not delete.
 */
@ApplicationScoped
@Alternative
@Priority(100)
public class JwtItAuthorizer implements ShapeAuthorizer {
    @Override
    public ShapeDecision authorize(ShapeCaller caller, ShapeAccess access) {
        if (caller.principal() == null) return ShapeDecision.reject(401, "Login required");
        if (caller.isInRole("shapesync-admin")) return ShapeDecision.allow();
        if (!caller.isInRole("shapesync-reader")) return ShapeDecision.reject(403, "Role shapesync-reader required");
        if (access.operation() == ShapeAccess.Operation.DELETE) return ShapeDecision.reject(403, "Readers may not delete shapes");
        return ShapeDecision.narrow("owner = " + ShapeDecision.literal(caller.name()), List.of("id", "owner", "title"));
    }
}
