package io.shapesync.storage;

/**
 * Position in a shape log: {@code tx} is the commit LSN of a transaction (0 for the initial
 * snapshot), {@code op} the operation inside it. Wire form {@code "<tx>_<op>"}, with the specials
 * {@code "-1"} (before everything) and op {@code "inf"} ({@link Long#MAX_VALUE}).
 *
 * <p>Ordering: {@code -1 < 0_0 < 0_1 < ... < 0_inf < L_0 < L_1 < ...}; tx is compared first, then
 * op. tx is compared signed: commit LSNs are non-negative in practice.
 */
public record LogOffset(long tx, long op) implements Comparable<LogOffset> {

    /** Before every entry of the log ({@code "-1"}). */
    public static final LogOffset BEFORE_ALL = new LogOffset(-1, 0);
    /** End of the initial-snapshot region ({@code "0_inf"}). */
    public static final LogOffset SNAPSHOT_END = new LogOffset(0, Long.MAX_VALUE);

    private static final long INF = Long.MAX_VALUE;
    private static final String INF_TEXT = "inf";

    public LogOffset {
        if (tx < -1) {
            throw new IllegalArgumentException("Log offset tx must be >= -1, was " + tx);
        }
        if (op < 0) {
            throw new IllegalArgumentException("Log offset op must be >= 0, was " + op);
        }
        if (tx == -1 && op != 0) {
            throw new IllegalArgumentException("Log offset with tx -1 must have op 0, was " + op);
        }
    }

    /** The end of initial-snapshot chunk {@code n} ({@code "0_n"}). */
    public static LogOffset snapshotChunk(long n) {
        if (n < 0 || n == INF) {
            throw new IllegalArgumentException("Snapshot chunk number out of range: " + n);
        }
        return new LogOffset(0, n);
    }

    /**
     * Parses the wire form: {@code "-1"}, {@code "<digits>_<digits>"} or {@code "<digits>_inf"}.
     * Leading zeros are accepted; signs, spaces and anything else are rejected.
     *
     * @throws IllegalArgumentException naming the input and what is wrong with it
     */
    public static LogOffset parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException("Invalid log offset: null");
        }
        if (s.equals("-1")) {
            return BEFORE_ALL;
        }
        int sep = s.indexOf('_');
        if (sep < 0) {
            throw invalid(s, "expected \"-1\" or \"<tx>_<op>\"");
        }
        long tx = parseNumber(s, s.substring(0, sep), "tx");
        String opText = s.substring(sep + 1);
        if (opText.equals(INF_TEXT)) {
            return new LogOffset(tx, INF);
        }
        long op = parseNumber(s, opText, "op");
        if (op == INF) {
            throw invalid(s, "op out of range");
        }
        return new LogOffset(tx, op);
    }

    private static long parseNumber(String input, String part, String name) {
        if (part.isEmpty()) {
            throw invalid(input, name + " is empty");
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(input, name + " must be decimal digits");
            }
        }
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            throw invalid(input, name + " out of range");
        }
    }

    private static IllegalArgumentException invalid(String input, String reason) {
        return new IllegalArgumentException("Invalid log offset \"" + input + "\": " + reason);
    }

    /** True for offsets of the initial snapshot ({@code tx == 0}). */
    public boolean isSnapshot() {
        return tx == 0;
    }

    @Override
    public int compareTo(LogOffset other) {
        int c = Long.compare(tx, other.tx);
        return c != 0 ? c : Long.compare(op, other.op);
    }

    /** Canonical wire form: {@code "-1"}, {@code "0_inf"}, {@code "123_4"}. */
    @Override
    public String toString() {
        if (tx == -1) {
            return "-1";
        }
        return tx + "_" + (op == INF ? INF_TEXT : Long.toString(op));
    }
}
