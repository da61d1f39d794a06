package io.shapesync.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Last line: JAX-RS's own errors keep their status; anything else is a 500 without a stack trace. */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            if (status == 404) return Response.status(404).type("text/plain").entity("Not found").build();
            return Response.status(status).type(Headers.JSON)
                    .entity("{\"message\":" + io.shapesync.shapes.Json.quoted(w.getMessage() == null ? "error" : w.getMessage()) + "}")
                    .build();
        }
        LOG.log(Level.SEVERE, "Unexpected error", e);
        return Responses.internalError();
    }
}
