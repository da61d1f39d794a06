package io.shapesync.shapes.where.values;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Replays cases generated with Postgres 15 (COPY text format: op, a, b, c, expected; expected is the value's text,
 * {@code \N} for SQL NULL or {@code ERROR:message}). Java answers that are an explicit "not supported in where
 * clauses" rejection are counted, not failed.
 */
final class PgCases {
    /** One generated case. */
    record Case(String op, String a, String b, String c, String expected) {
    }

    private PgCases() {
    }

    static List<Case> load(String resource) throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = PgCases.class.getResourceAsStream(resource)) {
            assertTrue(in != null, "missing " + resource);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split("\t", -1);
                cases.add(new Case(f[0], unescape(f[1]), unescape(f[2]), unescape(f[3]), unescape(f[4])));
            }
        }
        return cases;
    }

    static String unescape(String s) {
        if (s.equals("\\N")) {
            return null;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'v' -> (char) 11;
                    default -> n;
                });
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** Runs all cases; fails listing the first mismatches. Returns the number of unsupported rejections. */
    static int replay(List<Case> cases, Function<Case, String> eval) {
        List<String> failures = new ArrayList<>();
        int unsupported = 0;
        for (Case c : cases) {
            String actual;
            try {
                actual = eval.apply(c);
            } catch (IllegalArgumentException | ArithmeticException e) {
                if (isUnsupported(e.getMessage())) {
                    unsupported++;
                    continue;
                }
                actual = "ERROR:" + e.getMessage();
            } catch (RuntimeException e) {
                actual = "EXCEPTION:" + e;
            }
            String expected = c.expected() == null ? "NULL" : c.expected();
            if (!expected.equals(actual)) {
                failures.add(c.op() + " [" + c.a() + "] [" + c.b() + "] [" + c.c() + "]: expected [" + expected
                    + "] got [" + actual + "]");
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " cases differ from Postgres:\n"
            + String.join("\n", failures.subList(0, Math.min(60, failures.size()))));
        return unsupported;
    }

    static boolean isUnsupported(String message) {
        return message != null && (message.contains("not supported in where clauses")
            || message.startsWith("invalid or unsupported input"));
    }
}
