package io.shapesync.http.auth;

import jakarta.enterprise.context.ApplicationScoped;

/** The authorizer used unless an application provides an alternative: every shape, unchanged, for every caller. */
@ApplicationScoped
public class AllowAllShapeAuthorizer implements ShapeAuthorizer {
    @Override
    public ShapeDecision authorize(ShapeCaller caller, ShapeAccess access) {
        return ShapeDecision.allow();
    }

    @Override
    public boolean variesByCaller() {
        return false;
    }
}
