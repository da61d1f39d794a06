package io.shapesync.shapes.where;

import java.nio.file.Files;
import java.nio.file.Path;

/** Dev aid: prints canonical SQL and hints of clauses in a file (not a test). */
final class RenderDump {
    public static void main(String[] args) throws Exception {
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            try {
                Where w = Fixture.compile(line, "7");
                System.out.println(args.length > 1 ? line + "  =>  " + w.indexHint()
                        : w.canonicalSql() + "\t" + w.sql().text() + "\t" + w.sql().binds());
            } catch (RuntimeException e) {
                System.out.println("ERR " + line + " -> " + e);
            }
        }
    }
}
