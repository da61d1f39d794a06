package io.shapesync.http;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An {@link Exchange} of a live long-poll taken by {@link LiveFilter} before JAX-RS. An answer ready at once is
 * written on the request thread; a parked request goes asynchronous with no container timeout (its deadline is in
 * {@link LongPolls}, whose sweeper answers it), holds no thread, and is written and completed by whichever thread
 * wakes it, which then ends the exchange itself ({@link #finish}).
 *
 * <p>No {@code AsyncListener} is registered: on Liberty the first one an application adds to a request brings the CDI
 * integration's own pair of listeners, which re-activate and tear down a Weld request context when the request
 * completes (about a seventh of the server's allocation with 10 000 parked clients). Nothing here needs a request
 * context, and the listener's events are covered without it: completion is this class's own doing, a write to a
 * client that went away fails in {@link #send(Reply)} (which still ends and completes the exchange), and there is no
 * container timeout. A parked request whose client went away is not noticed by the container in either case; its
 * deadline answers it.
 */
final class ServletExchange implements Exchange {
    private static final Logger LOG = Logger.getLogger(ServletExchange.class.getName());

    private final AtomicBoolean sent = new AtomicBoolean();
    private final AtomicBoolean over = new AtomicBoolean();
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final IntConsumer responded;
    private volatile AsyncContext async;
    private volatile Runnable done;
    private volatile LongPolls polls;
    private volatile LongPolls.Waiter waiter;

    /** {@code responded} counts the answer's status (what JAX-RS's response filter counts for the other requests). */
    ServletExchange(HttpServletRequest request, HttpServletResponse response, IntConsumer responded) {
        this.request = request;
        this.response = response;
        this.responded = responded;
    }

    /** Called by the filter once the request thread is done: ends a request that did not go asynchronous. */
    void dispatched() {
        if (async != null) return;
        if (!sent.get()) send(Responses.internalError());  // not expected: every path answers or parks
        end();
    }

    private void end() {
        if (!over.compareAndSet(false, true)) return;
        LongPolls.Waiter w = waiter;
        if (w != null) polls.release(w);
        Runnable d = done;
        if (d != null) d.run();
    }

    @Override
    public void send(Response r) {
        send(Reply.of(r));
    }

    @Override
    public void send(Reply reply) {
        if (!sent.compareAndSet(false, true)) return;
        responded.accept(reply.status());
        try {
            reply.write(response, false);
        } catch (IOException | IllegalStateException e) {
            // the client went away (or the container already ended the request)
            if (LOG.isLoggable(Level.FINE)) LOG.log(Level.FINE, "Writing a live response failed: {0}", e.toString());
        } finally {
            AsyncContext a = async;
            if (a != null) finish(a);
        }
    }

    /**
     * Ends a woken request: releases its admission ticket and waiter first (its client may poll again as soon as it
     * has the answer, and must not find its own previous request still counted), then sends the bytes (headers and
     * body, one write) on this thread, then completes. Without the flush the bytes would leave only in the container's
     * completion task, which Liberty queues on its executor behind those of every other request woken by the same change.
     */
    private void finish(AsyncContext a) {
        end();
        try {
            response.flushBuffer();
        } catch (IOException | IllegalStateException e) {
            if (LOG.isLoggable(Level.FINE)) LOG.log(Level.FINE, "Sending a live response failed: {0}", e.toString());
        }
        complete(a);
    }

    @Override
    public void whenDone(Runnable action) {
        Runnable before = done;
        done = before == null ? action : () -> {
            before.run();
            action.run();
        };
    }

    @Override
    public LongPolls.Waiter park(LongPolls polls, String shapeId, long timeoutMillis, LongPolls.Wakeup wakeup) {
        if (async == null) {
            AsyncContext a = request.startAsync(request, response);
            a.setTimeout(0);  // no container timer per request: LongPolls' sweeper keeps the deadline
            async = a;
        }
        this.polls = polls;
        LongPolls.Waiter w = polls.park(shapeId, timeoutMillis, wakeup);
        waiter = w;
        return w;
    }

    private static void complete(AsyncContext a) {
        try {
            a.complete();
        } catch (IllegalStateException e) {
            // already completed (client gone)
        }
    }
}
