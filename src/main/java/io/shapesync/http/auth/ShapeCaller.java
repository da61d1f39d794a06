package io.shapesync.http.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.function.Predicate;

/**
 * Who asks for a shape, as the container authenticated them: the principal (null when anonymous; a
 * {@code JsonWebToken} under MicroProfile JWT) and a role check against the WAR's roles
 * ({@code shapesync-admin}, {@code shapesync-reader}).
 */
public final class ShapeCaller {
    private final Principal principal;
    private final Predicate<String> roles;

    public ShapeCaller(Principal principal, Predicate<String> roles) {
        this.principal = principal;
        this.roles = roles;
    }

    public static ShapeCaller of(SecurityContext security) {
        if (security == null) return anonymous();
        return new ShapeCaller(security.getUserPrincipal(), security::isUserInRole);
    }

    public static ShapeCaller of(HttpServletRequest request) {
        return new ShapeCaller(request.getUserPrincipal(), request::isUserInRole);
    }

    public static ShapeCaller anonymous() {
        return new ShapeCaller(null, role -> false);
    }

    /** The authenticated principal, or null for an anonymous caller. */
    public Principal principal() {
        return principal;
    }

    /** The principal's name, or null for an anonymous caller. */
    public String name() {
        return principal == null ? null : principal.getName();
    }

    public boolean isInRole(String role) {
        return principal != null && roles.test(role);
    }
}
