package io.shapesync.http;

import io.shapesync.config.SyncConfig;
import io.shapesync.http.auth.ShapeAccess;
import io.shapesync.http.auth.ShapeCaller;
import io.shapesync.shapes.Shape;
import io.shapesync.storage.FileShapeLog;
import io.shapesync.storage.LogOffset;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Live SSE requests (spec §8.2): {@code live=true&live_sse=true} (or the deprecated {@code experimental_live_sse}).
 * Validation and errors are those of the long-poll path, as ordinary JSON responses; a valid request gets a
 * {@code text/event-stream} whose body an {@link SseStream} writes through the servlet's non-blocking output, so an
 * open stream holds no thread while it waits.
 */
@ApplicationScoped
public class SseResponder {
    static final String EVENT_STREAM = "text/event-stream";

    private final ShapeService shapes;
    private final LongPolls polls;
    private final SyncConfig config;

    @Inject
    public SseResponder(ShapeService shapes, LongPolls polls, SyncConfig config) {
        this.shapes = shapes;
        this.polls = polls;
        this.config = config;
    }

    protected SseResponder() {
        this(null, null, null);
    }

    /** Whether a request is an SSE request served here (GET or HEAD, live_sse true, not a subset snapshot). */
    static boolean handles(String method, String rawQuery) {
        Map<String, String> q;
        try {
            q = ShapeRequest.parseQuery(rawQuery, new LinkedHashMap<>());
        } catch (BadRequestException e) {
            return false;  // JAX-RS answers it
        }
        return handlesQuery(method, q);
    }

    /** As above, for a query split by {@link ShapeRequest#parseQuery}. */
    static boolean handlesQuery(String method, Map<String, String> q) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) return false;
        if (!ShapeRequest.bool(q.containsKey("live_sse") ? q.get("live_sse") : q.get("experimental_live_sse"))) return false;
        return !SubsetRequest.hasSubset(q);
    }

    void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean head = "HEAD".equals(request.getMethod());
        Response error;
        Admission.Ticket[] ticket = new Admission.Ticket[1];
        try {
            error = start(request, response, head, ticket);
        } catch (RuntimeException e) {
            error = ShapeResource.errorResponse(e);
        }
        // an open stream releases its place when it ends (listener below); anything else releases it now
        if ((error != null || head) && ticket[0] != null) ticket[0].close();
        if (error != null) send(response, error, head);
    }

    /** Starts the stream; returns the error response instead when the request cannot be served. */
    private Response start(HttpServletRequest request, HttpServletResponse response, boolean head, Admission.Ticket[] ticket)
            throws IOException {
        if (!ShapeResource.authorized(config, ShapeRequest.secret(request.getQueryString()))) return Responses.unauthorized();
        // live_sse requires live: never offset -1/now
        ShapeService.Admitted admitted = shapes.admit(ShapeRequest.parse(request.getQueryString()), ShapeCaller.of(request),
                ShapeAccess.Operation.LIVE_SSE);
        if (admitted.rejection() != null) return admitted.rejection();
        ticket[0] = admitted.ticket();
        ShapeRequest req = admitted.request();
        Shape shape = admitted.shape();
        if (shape.status() == Shape.Status.INVALIDATED) return Responses.mustRefetch(null);
        Shape.View view = shape.view();
        if (!view.accepts(req.handle(), req.offset())) return Responses.mustRefetch(view.handle());
        if (!shape.snapshotComplete()) return Responses.unavailable("The shape's snapshot is still running", 1);
        if (req.offset().compareTo(view.latest()) > 0) return Responses.badRequest("offset", "out of bounds for this shape");

        boolean hasData = view.lastEntry().compareTo(req.offset()) > 0;
        response.setStatus(200);
        response.setContentType(EVENT_STREAM);
        response.setHeader("connection", "keep-alive");
        response.setHeader("cache-control", "public, max-age=" + (SseStream.DURATION_MS / 1000 - 1));
        response.setHeader(Headers.HANDLE, view.handle());
        // the offset the client holds until the first up-to-date: nothing is applied before one arrives
        response.setHeader(Headers.OFFSET, req.rawOffset());
        response.setHeader(Headers.CURSOR, Cursor.next(req.cursor(), config.longPollTimeoutMs() / 1000, System.currentTimeMillis() / 1000));
        response.setHeader(Headers.HAS_DATA, Boolean.toString(hasData));
        if (!hasData) response.setHeader(Headers.UP_TO_DATE, "");
        response.setHeader("etag", "\"" + view.handle() + ":" + req.rawOffset() + ":" + req.rawOffset() + ":" + System.nanoTime() + "\"");
        CorsFilter.apply(response::setHeader, true);
        if (head) return null;
        // the headers go out now (the client's fetch resolves on them), not with the first event; tiny: never blocks long
        response.flushBuffer();

        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(SseStream.DURATION_MS + 30_000);  // a safety net: the stream ends itself at 60 s
        ServletOutputStream out = response.getOutputStream();
        SseStream stream = new SseStream(source(shape), output(async, out), parking(shape.id()), System::nanoTime, view.handle(),
                req.offset());
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                stream.abort();
                ticket[0].close();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                stream.abort();
                ticket[0].close();
            }

            @Override
            public void onError(AsyncEvent event) {
                stream.abort();
                ticket[0].close();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        out.setWriteListener(new WriteListener() {
            @Override
            public void onWritePossible() {
                stream.pump();
            }

            @Override
            public void onError(Throwable t) {
                stream.abort();
            }
        });
        return null;
    }

    private static SseStream.Source source(Shape shape) {
        return () -> {
            if (shape.status() == Shape.Status.INVALIDATED) return null;
            Shape.View v = shape.view();
            return new SseStream.Log() {
                @Override
                public boolean accepts(String handle, LogOffset offset) {
                    return v.accepts(handle, offset);
                }

                @Override
                public LogOffset latest() {
                    return v.latest();
                }

                @Override
                public LogOffset lastEntry() {
                    return v.lastEntry();
                }

                @Override
                public void read(LogOffset after, LogOffset upTo, FileShapeLog.RecordSink sink) {
                    v.read(after, upTo, sink);
                }
            };
        };
    }

    private static SseStream.Output output(AsyncContext async, ServletOutputStream out) {
        return new SseStream.Output() {
            @Override
            public boolean isReady() {
                return out.isReady();
            }

            @Override
            public void write(byte[] bytes, int off, int len) throws IOException {
                out.write(bytes, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() {
                try {
                    async.complete();
                } catch (IllegalStateException e) {
                    // already completed (client gone, timeout)
                }
            }
        };
    }

    private SseStream.Parking parking(String shapeId) {
        return (millis, wakeup) -> {
            LongPolls.Waiter w = polls.park(shapeId, millis, wakeup);
            return () -> polls.claim(w);
        };
    }

    /** An ordinary (JSON) response built by {@link Responses}, written through the servlet API as JAX-RS would write it. */
    static void send(HttpServletResponse response, Response r, boolean head) throws IOException {
        Reply.of(r).write(response, head);
    }
}
