package io.shapesync.http;

import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.CompletionCallback;
import jakarta.ws.rs.core.Response;

/** An {@link Exchange} of the JAX-RS resource: a suspended {@link AsyncResponse}. */
final class AsyncExchange implements Exchange {
    private final AsyncResponse async;

    AsyncExchange(AsyncResponse async) {
        this.async = async;
    }

    @Override
    public void send(Response response) {
        async.resume(response);
    }

    @Override
    public void send(Reply reply) {
        async.resume(reply.toResponse());
    }

    @Override
    public void whenDone(Runnable action) {
        async.register((CompletionCallback) failure -> action.run());
    }

    @Override
    public LongPolls.Waiter park(LongPolls polls, String shapeId, long timeoutMillis, LongPolls.Wakeup wakeup) {
        return polls.park(shapeId, timeoutMillis, async, wakeup);
    }
}
