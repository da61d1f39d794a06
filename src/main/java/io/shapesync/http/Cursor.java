package io.shapesync.http;

import java.util.concurrent.ThreadLocalRandom;

/** The {@code electric-cursor} of live responses (spec §6.4): the same within a timeout window, always new per poll. */
final class Cursor {
    private static final long EPOCH_SECONDS = 1_728_432_000L;  // 2024-10-09T00:00:00Z

    private Cursor() {
    }

    static String next(String previous, long timeoutSeconds, long nowSeconds) {
        if (timeoutSeconds <= 0) return "0";
        long s = nowSeconds - EPOCH_SECONDS;
        long next = Math.floorDiv(s + timeoutSeconds - 1, timeoutSeconds) * timeoutSeconds;
        long prev = 0;
        if (previous != null) {
            try {
                prev = Long.parseLong(previous);
            } catch (NumberFormatException e) {
                prev = 0;
            }
        }
        return Long.toString(next > prev ? next : prev + 1 + ThreadLocalRandom.current().nextLong(3600));
    }
}
