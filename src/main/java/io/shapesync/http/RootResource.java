package io.shapesync.http;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code GET /}: 200 with an empty body, like Electric. */
@Path("/")
@RequestScoped
public class RootResource {
    @GET
    public Response root() {
        return Response.ok().build();
    }
}
