package io.shapesync.http.auth;

import io.shapesync.shapes.InvalidShapeException;
import io.shapesync.shapes.Json;
import io.shapesync.shapes.ShapeDefinition;
import io.shapesync.shapes.ShapeParams;
import io.shapesync.shapes.where.WhereException;
import io.shapesync.shapes.where.parse.Parser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one call {@code /v1/shape} makes to authorize a request: asks the {@link ShapeAuthorizer} and turns its
 * decision into a {@link Verdict}, the shape to serve (narrowed when asked) or a rejection.
 */
@ApplicationScoped
public class ShapeGuard {
    private static final Logger LOG = Logger.getLogger(ShapeGuard.class.getName());
    /** The {@code Vary} value of {@code /v1/shape} responses while decisions depend on the caller. */
    public static final String VARY = "Authorization, Cookie";

    private final ShapeAuthorizer authorizer;

    @Inject
    public ShapeGuard(ShapeAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    protected ShapeGuard() {
        this.authorizer = null;
    }

    /** Whether responses must carry {@code Vary: Authorization, Cookie}. */
    public boolean variesByCaller() {
        return authorizer.variesByCaller();
    }

    /**
     * Authorizes {@code params} for {@code caller}.
     *
     * @throws InvalidShapeException (400) when the client's where clause or column list cannot be narrowed
     */
    public Verdict check(ShapeCaller caller, ShapeAccess.Operation operation, ShapeParams params) {
        List<String> columns = params.columns() == null ? null : ShapeDefinition.parseColumnList(params.columns());
        ShapeDecision decision;
        try {
            decision = authorizer.authorize(caller, new ShapeAccess(operation, params.table(), params.where(), columns,
                    params.replica(), params.params()));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The shape authorizer " + authorizer.getClass().getName() + " failed", e);
            return Verdict.reject(500, "{\"error\":\"Internal server error\"}");
        }
        if (decision == null) {
            LOG.log(Level.SEVERE, "The shape authorizer {0} returned no decision", authorizer.getClass().getName());
            return Verdict.reject(500, "{\"error\":\"Internal server error\"}");
        }
        if (LOG.isLoggable(Level.FINE)) LOG.log(Level.FINE, "Shape {0} for {1}: {2}", new Object[]{params.table(), caller.name(), decision});
        if (decision instanceof ShapeDecision.Reject r) {
            return Verdict.reject(r.status(), "{\"message\":" + Json.quoted(r.message()) + "}");
        }
        if (decision instanceof ShapeDecision.Narrow n) return narrow(params, columns, n);
        return Verdict.allow(params);
    }

    private static Verdict narrow(ShapeParams params, List<String> requested, ShapeDecision.Narrow n) {
        String columns = params.columns();
        if (n.columns() != null) {
            if (requested == null) {
                columns = ColumnList.format(n.columns());
            } else {
                List<String> denied = new ArrayList<>();
                for (String c : requested) if (!n.columns().contains(c)) denied.add(c);
                if (!denied.isEmpty()) {
                    return Verdict.reject(403, "{\"message\":" + Json.quoted("Columns not allowed: " + String.join(", ", denied)) + "}");
                }
            }
        }
        return Verdict.allow(new ShapeParams(params.table(), columns, and(params.where(), n.where()), params.params(),
                params.replica(), params.log()));
    }

    /**
     * {@code (clientWhere) AND (extra)}. The client's clause must parse on its own first, so that it cannot close the
     * parenthesis or open a comment or string that swallows the narrowing; the line break ends a {@code --} comment.
     */
    static String and(String clientWhere, String extra) {
        if (extra == null) return clientWhere;
        if (clientWhere == null || clientWhere.isBlank()) return extra;
        try {
            Parser.parse(clientWhere);
        } catch (WhereException e) {
            throw new InvalidShapeException("where", "At location " + e.position() + ": " + e.reason());
        }
        return "(" + clientWhere + "\n) AND (" + extra + ")";
    }

    /** The shape to serve ({@code params}), or the rejection to answer ({@code status} and a JSON {@code body}). */
    public record Verdict(ShapeParams params, int status, String body) {
        static Verdict allow(ShapeParams params) {
            return new Verdict(params, 200, null);
        }

        static Verdict reject(int status, String body) {
            return new Verdict(null, status, body);
        }

        public boolean rejected() {
            return params == null;
        }
    }

    /** Writing the {@code columns} parameter's list syntax (parsing: {@link ShapeDefinition#parseColumnList}). */
    static final class ColumnList {
        private ColumnList() {
        }

        /** Every name quoted, so that it is taken exactly. */
        static String format(List<String> names) {
            StringBuilder sb = new StringBuilder();
            for (String n : names) {
                if (!sb.isEmpty()) sb.append(',');
                sb.append('"').append(n.replace("\"", "\"\"")).append('"');
            }
            return sb.toString();
        }
    }
}
