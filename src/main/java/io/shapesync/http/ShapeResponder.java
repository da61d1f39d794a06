package io.shapesync.http;

import io.shapesync.config.SyncConfig;
import io.shapesync.shapes.Shape;
import io.shapesync.shapes.ShapeRegistry;
import io.shapesync.storage.LogOffset;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Answers a validated request for a shape (spec §5): waits for the snapshot chunk it needs, serves
 * {@code (offset, chunkEnd]} with the protocol headers, or parks a live request until the shape advances.
 */
@ApplicationScoped
public class ShapeResponder {
    private static final long SNAPSHOT_WAIT_MS = 25_000;
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    private final ShapeRegistry registry;
    private final SyncConfig config;
    private final LongPolls polls;
    private final SharedBodies shared = new SharedBodies();

    @Inject
    public ShapeResponder(ShapeRegistry registry, SyncConfig config, LongPolls polls) {
        this.registry = registry;
        this.config = config;
        this.polls = polls;
    }

    protected ShapeResponder() {
        this(null, null, null);
    }

    public void serve(ShapeRequest req, Shape shape, String ifNoneMatch, Exchange async) {
        if (shape.status() == Shape.Status.INVALIDATED) {
            async.send(Responses.mustRefetch(null));
            return;
        }
        Shape.View view = shape.view();
        // a handle replaced by a compaction is valid from the compaction's cut on (checked again after every wait)
        if (!req.initial() && !view.accepts(req.handle(), req.offset())) {
            async.send(Responses.mustRefetch(view.handle()));
            return;
        }
        boolean readable = req.now() ? shape.snapshotComplete() : shape.readableAt(req.offset());
        if (!readable) {
            park(req, shape, ifNoneMatch, async, SNAPSHOT_WAIT_MS,
                    () -> req.now() ? shape.snapshotComplete() : shape.readableAt(req.offset()),
                    () -> async.send(Responses.unavailable("Timeout waiting for the shape's snapshot", 5)));
            return;
        }
        if (req.now()) {
            async.send(nowResponse(req, shape, view));
            return;
        }
        LogOffset latest = view.latest();
        if (!req.initial() && req.offset().compareTo(latest) > 0) {
            async.send(Responses.badRequest("offset", "out of bounds for this shape"));
            return;
        }
        boolean hasEntries = view.lastEntry().compareTo(req.offset()) > 0;
        if (req.live() && !hasEntries) {
            park(req, shape, ifNoneMatch, async, config.longPollTimeoutMs(),
                    () -> shape.lastEntry().compareTo(req.offset()) > 0,
                    () -> async.send(timeoutResponse(req, shape.view())));
            return;
        }
        async.send(dataResponse(req, shape, view, latest, ifNoneMatch));
    }

    private void park(ShapeRequest req, Shape shape, String ifNoneMatch, Exchange async, long timeoutMs,
                      BooleanSupplier ready, Runnable onExpiry) {
        LongPolls.Waiter w = async.park(polls, shape.id(), timeoutMs, new LongPolls.Wakeup() {
            @Override
            public void retry() {
                try {
                    serve(req, shape, ifNoneMatch, async);
                } catch (RuntimeException e) {
                    // answered, not left parked: a live GET has no container timeout to end it
                    async.send(ShapeResource.errorResponse(e));
                }
            }

            @Override
            public void expire() {
                try {
                    onExpiry.run();
                } catch (RuntimeException e) {
                    async.send(ShapeResource.errorResponse(e));
                }
            }

            @Override
            public void invalidated() {
                async.send(Responses.mustRefetch(null));
            }

            @Override
            public void shutdown() {
                async.send(Responses.unavailable("ShapeSync is shutting down", 1));
            }
        });
        // lost-wakeup guard: the shape may have advanced between the check and the registration
        if ((ready.getAsBoolean() || shape.status() == Shape.Status.INVALIDATED) && polls.claim(w)) {
            serve(req, shape, ifNoneMatch, async);
        }
    }

    private Reply dataResponse(ShapeRequest req, Shape shape, Shape.View view, LogOffset latest, String ifNoneMatch) {
        LogOffset from = req.offset();
        LogOffset end = view.chunkEnd(from);
        LogOffset max = latest.compareTo(from) > 0 ? latest : from;
        boolean upToDate = !from.equals(LogOffset.BEFORE_ALL) && end.compareTo(max) >= 0;
        boolean hasData = view.lastEntry().compareTo(from) > 0;
        long lastSeen = req.live() ? end.tx() : Math.max(registry.lastProcessedLsn(), end.tx());
        String etag = "\"" + view.handle() + ":" + req.rawOffset() + ":" + end + "\"";
        Reply rb = headers(req, view, shape.schemaJson(), end, upToDate).header(Headers.HAS_DATA, hasData).header("etag", etag);
        if (ifNoneMatch != null && etagMatches(ifNoneMatch, etag)) return rb.status(304);
        byte[] control = upToDate ? upToDateJson(Math.max(lastSeen, 0)) : null;
        if (req.live()) {
            // every request woken by the same change asks for the same bytes: built once (lastSeen is end.tx() here)
            return rb.entity(shared.body(shape.id(), view.handle(), from, end, () -> buildBody(view, from, end, control)));
        }
        StreamingOutput body = out -> {
            // a chunk is up to thousands of records, each a separate write: one container write per 64 KiB instead
            java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out, WRITE_BUFFER_BYTES);
            writeBody(buffered, view, from, end, control);
            buffered.flush();
        };
        return rb.entity(body);
    }

    private static byte[] buildBody(Shape.View view, LogOffset from, LogOffset end, byte[] control) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(4096);
        try {
            writeBody(out, view, from, end, control);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);  // not thrown by a ByteArrayOutputStream
        }
        return out.toByteArray();
    }

    /** The JSON array of the records in {@code (from, end]}, then the control message if any. */
    private static void writeBody(java.io.OutputStream out, Shape.View view, LogOffset from, LogOffset end, byte[] control)
            throws java.io.IOException {
        out.write('[');
        boolean[] first = {true};
        view.read(from, end, (offset, payload) -> {
            if (!first[0]) out.write(',');
            first[0] = false;
            write(out, payload);
        });
        if (control != null) {
            if (!first[0]) out.write(',');
            out.write(control);
        }
        out.write(']');
    }

    /** A subset snapshot's 200 (spec §10): no ETag, no cursor, not cacheable. */
    public Response subsetResponse(ShapeRequest req, Shape shape, byte[] body) {
        Shape.View view = shape.view();
        LogOffset end = req.now() ? view.latest() : view.chunkEnd(req.offset());
        return Response.ok(body).type(Headers.JSON).header(Headers.HANDLE, view.handle()).header(Headers.OFFSET, end.toString())
                .header(Headers.SCHEMA, shape.schemaJson()).header("electric-snapshot", "true")
                .header("cache-control", "no-cache").build();
    }

    private Reply timeoutResponse(ShapeRequest req, Shape.View view) {
        return headers(req, view, null, null, true).header(Headers.OFFSET, req.rawOffset()).header(Headers.HAS_DATA, false)
                .header("etag", "\"" + view.handle() + ":" + req.rawOffset() + ":" + req.rawOffset() + ":" + System.nanoTime() + "\"")
                .entity("[" + new String(upToDateJson(registry.lastProcessedLsn()), StandardCharsets.US_ASCII) + "]");
    }

    private Reply nowResponse(ShapeRequest req, Shape shape, Shape.View view) {
        LogOffset latest = view.latest();
        return headers(req, view, shape.schemaJson(), latest, true).header(Headers.HAS_DATA, false)
                .header("etag", "\"" + view.handle() + ":now:" + latest + ":" + System.nanoTime() + "\"")
                .entity("[" + new String(upToDateJson(Math.max(registry.lastProcessedLsn(), latest.tx())), StandardCharsets.US_ASCII) + "]");
    }

    private Reply headers(ShapeRequest req, Shape.View view, String schemaJson, LogOffset end, boolean upToDate) {
        Reply rb = new Reply(200, Reply.JSON).header(Headers.HANDLE, view.handle());
        if (end != null) rb.header(Headers.OFFSET, end.toString());
        if (req.live()) {
            rb.header(Headers.CURSOR, Cursor.next(req.cursor(), config.longPollTimeoutMs() / 1000, System.currentTimeMillis() / 1000));
            rb.header("cache-control", "public, max-age=5, stale-while-revalidate=5");
        } else {
            if (schemaJson != null) rb.header(Headers.SCHEMA, schemaJson);
            rb.header("cache-control", req.offset().equals(LogOffset.BEFORE_ALL) && !req.now()
                    ? "public, max-age=604800, s-maxage=3600, stale-while-revalidate=2629746"
                    : "public, max-age=" + config.cacheMaxAge() + ", stale-while-revalidate=" + config.cacheStaleAge());
        }
        if (upToDate) rb.header(Headers.UP_TO_DATE, "");
        return rb;
    }

    static boolean etagMatches(String ifNoneMatch, String etag) {
        String bare = etag.substring(1, etag.length() - 1);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) c = c.substring(2);
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) c = c.substring(1, c.length() - 1);
            if (c.equals(bare)) return true;
        }
        return false;
    }

    static byte[] upToDateJson(long lastSeenLsn) {
        UpToDate last = lastUpToDate;
        if (last != null && last.lsn() == lastSeenLsn) return last.json();
        byte[] json = ("{\"headers\":{\"control\":\"up-to-date\",\"global_last_seen_lsn\":\"" + Long.toUnsignedString(lastSeenLsn)
                + "\"}}").getBytes(StandardCharsets.US_ASCII);
        lastUpToDate = new UpToDate(lastSeenLsn, json);
        return json;
    }

    /** The control message of the newest LSN: every request answered between two changes carries the same one. */
    private record UpToDate(long lsn, byte[] json) {
    }

    private static volatile UpToDate lastUpToDate;

    private static void write(java.io.OutputStream out, ByteBuffer payload) throws java.io.IOException {
        if (payload.hasArray()) {
            out.write(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining());
        } else {
            byte[] copy = new byte[payload.remaining()];
            payload.duplicate().get(copy);
            out.write(copy);
        }
    }
}
