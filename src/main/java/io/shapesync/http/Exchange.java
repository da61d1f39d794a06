package io.shapesync.http;

import jakarta.ws.rs.core.Response;

/**
 * Where the answer to one {@code /v1/shape} request goes: a JAX-RS {@code AsyncResponse} ({@link AsyncExchange}) or
 * the servlet response of a live long-poll taken before JAX-RS ({@link ServletExchange}). Exactly one answer is sent;
 * later ones are ignored. Public, as are the methods of the beans that take one: a CDI client proxy calls a
 * package-private method through reflection.
 */
public interface Exchange {
    /** Answers with a response built by {@link Responses} (errors, must-refetch). */
    void send(Response response);

    /** Answers with a shape's own response. */
    void send(Reply reply);

    /** Runs {@code action} once the exchange is over, however it ends (answered, failed, client gone). */
    void whenDone(Runnable action);

    /**
     * Parks the request until {@code wakeup} is called (see {@link LongPolls#park(String, long, LongPolls.Wakeup)});
     * the waiter is released when the exchange ends.
     */
    LongPolls.Waiter park(LongPolls polls, String shapeId, long timeoutMillis, LongPolls.Wakeup wakeup);
}
