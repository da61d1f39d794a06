package io.shapesync.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File names of a log's generations: a compaction writes generation {@code N + 1} next to
 * generation {@code N} under a temporary name and renames it when complete. Generation {@code N}
 * is {@code 00000000000000000000_<N, 20 digits>.log}; an unfinished one carries an extra
 * {@code .tmp}. On open the highest complete generation wins; unfinished and lower ones are
 * deleted. Runs on the opening thread.
 */
final class LogGenerations {

    private static final Logger LOG = Logger.getLogger(LogGenerations.class.getName());
    private static final String PREFIX = "00000000000000000000_";
    private static final String SUFFIX = ".log";
    private static final String UNFINISHED_SUFFIX = SUFFIX + AtomicFiles.TEMP_SUFFIX;
    private static final Pattern NAME = Pattern.compile("00000000000000000000_(\\d{20})\\.log");

    private LogGenerations() {
    }

    /** The file of generation {@code generation} in {@code dir}. */
    static Path file(Path dir, long generation) {
        return dir.resolve(fileName(generation));
    }

    /** The temporary file that generation {@code generation} is written to before it is installed. */
    static Path unfinishedFile(Path dir, long generation) {
        return dir.resolve(fileName(generation) + AtomicFiles.TEMP_SUFFIX);
    }

    static String fileName(long generation) {
        if (generation < 0) {
            throw new IllegalArgumentException("Log generation must be >= 0, was " + generation);
        }
        return PREFIX + String.format("%020d", generation) + SUFFIX;
    }

    /**
     * Deletes the files of unfinished rewrites ({@code *.log.tmp}) in {@code dir} and returns the
     * highest generation present, 0 if there is none.
     */
    static long prepare(Path dir) throws IOException {
        long highest = 0;
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (name.endsWith(UNFINISHED_SUFFIX)) {
                    Files.deleteIfExists(p);
                    removed.add(name);
                } else {
                    highest = Math.max(highest, generationOf(name));
                }
            }
        }
        logRemoved(dir, removed, "unfinished rewrites");
        return highest;
    }

    /** Deletes the files of generations below {@code current} (replaced ones). */
    static void deleteBelow(Path dir, long current) throws IOException {
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                long generation = generationOf(name);
                if (generation >= 0 && generation < current) {
                    Files.deleteIfExists(p);
                    removed.add(name);
                }
            }
        }
        logRemoved(dir, removed, "generations replaced by generation " + current);
    }

    /** The generation a file name stands for, or -1 if it names no generation. */
    static long generationOf(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            LOG.log(Level.WARNING, "Ignoring {0}: generation number out of range", name);
            return -1;
        }
    }

    private static void logRemoved(Path dir, List<String> removed, String what) {
        if (!removed.isEmpty()) {
            LOG.log(Level.INFO, "Removed {0} file(s) of {1} from {2}: {3}",
                    new Object[] {removed.size(), what, dir, removed});
        }
    }
}
