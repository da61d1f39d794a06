package io.shapesync.shapes.where.parse;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import io.shapesync.shapes.where.WhereException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random token soup and random characters: the parser returns a tree or throws a WhereException, nothing else. */
class ParserFuzzTest {
    private static final String[] TOKENS = {"x", "\"Y\"", "1", "1.5", "1e3", "'s'", "E'\\n'", "$$d$$", "$1", "(",
        ")", "[", "]", ",", ".", ":", "::", ";", "+", "-", "*", "/", "%", "^", "<", ">", "=", "<=", "<>", "!=", "||",
        "@>", "->>", "~~", "AND", "OR", "NOT", "IS", "NULL", "TRUE", "DISTINCT", "FROM", "IN", "BETWEEN",
        "SYMMETRIC", "LIKE", "ILIKE", "SIMILAR", "TO", "ESCAPE", "ANY", "ALL", "ARRAY", "CAST", "AS", "int", "ROW",
        "SELECT", "WHERE", "EXISTS", "CASE", "WHEN", "THEN", "ELSE", "END", "ORDER", "BY", "LIMIT", "double",
        "precision", "timestamp", "with", "time", "zone", "interval", "day", "varchar", "f", "count", "OVER",
        "COLLATE", "AT", "ISNULL", "--", "/*", "*/", "'", "\"", "$", "E'", "U&'", "`", "?", "NULLS", "FIRST", "DESC"};

    @Test
    void tokenSoup() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 20_000; i++) {
                StringBuilder sb = new StringBuilder();
                int n = random.nextInt(30);
                for (int k = 0; k < n; k++) {
                    sb.append(TOKENS[random.nextInt(TOKENS.length)]).append(random.nextInt(4) == 0 ? "" : " ");
                }
                check(sb.toString(), seed, i);
            }
        }, "seed " + seed);
    }

    @Test
    void randomCharacters() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String alphabet = "ab1.e$'\"()[],;:+-*/<>=~!@#%^&|`?\\ \n_Eé\u0000\uD83D\uDE00";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 20_000; i++) {
                int n = random.nextInt(40);
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < n; k++) {
                    sb.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x3000)
                            : alphabet.charAt(random.nextInt(alphabet.length())));
                }
                check(sb.toString(), seed, i);
            }
        }, "seed " + seed);
    }

    private static void check(String input, long seed, int iteration) {
        try {
            if (iteration % 2 == 0) {
                Parser.parse(input);
            } else {
                Parser.parseOrderBy(input);
            }
        } catch (WhereException e) {
            if (e.position() < -1 || e.position() > input.length()) {
                fail("seed " + seed + ", position " + e.position() + " out of range for: " + input);
            }
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("seed " + seed + ", iteration " + iteration + ", input: " + input, e);
        }
    }
}
