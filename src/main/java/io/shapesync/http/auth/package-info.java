/**
 * Shape authorization: the hook between the container's security (servlet security constraints, Jakarta Security,
 * MicroProfile JWT) and {@code /v1/shape}. {@link io.shapesync.http.auth.ShapeGuard} asks the application's
 * {@link io.shapesync.http.auth.ShapeAuthorizer} (a CDI bean; {@link io.shapesync.http.auth.AllowAllShapeAuthorizer}
 * unless an organisation provides an {@code @Alternative @Priority} one) whether the authenticated caller may read
 * the requested shape, and narrows the shape (extra where clause, column subset) when it says so. Runs on the request
 * thread (JAX-RS or the SSE filter), before admission; never on the replication thread.
 */
package io.shapesync.http.auth;
