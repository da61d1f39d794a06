package io.shapesync.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.decoding.Relation;
import io.shapesync.decoding.Row;
import io.shapesync.decoding.TupleData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Updates seen through a where clause (spec §11.5): update, move-in, move-out or nothing, per replica mode. */
class ChangeEncoderWhereTest {
    private static final TableInfo ISSUES = new TableInfo(20, new QualifiedName("public", "issues"), List.of(
            new ColumnInfo("id", "int4", -1, true, 0, 0, false),
            new ColumnInfo("project", "int4", -1, false, 0, -1, false),
            new ColumnInfo("title", "text", -1, false, 0, -1, false)), List.of("id"));
    // stream column order differs from the table's on purpose
    private static final Relation REL = new Relation(20, "public", "issues", 'f', List.of(
            new Relation.Column(false, "title", 25, -1),
            new Relation.Column(true, "id", 23, -1),
            new Relation.Column(false, "project", 23, -1)));
    private static final ChangeEncoder.Tx TX = new ChangeEncoder.Tx(9, 100L);

    private static Row row(String title, String id, String project) {
        String[] v = {title, id, project};
        char[] kinds = new char[3];
        for (int i = 0; i < 3; i++) kinds[i] = v[i] == null ? TupleData.NULL : TupleData.TEXT;
        return Row.of(TupleData.of(kinds, (Object[]) v));
    }

    private static List<String> update(String replica, Row old, Row now) {
        ShapeDefinition def = ShapeDefinition.resolve(ISSUES, "id,title", Replica.valueOf(replica), LogMode.FULL,
                "project = $1", Map.of("1", "7"), name -> null);
        ChangeEncoder e = new ChangeEncoder(def);
        e.bind(REL);
        List<String> out = new ArrayList<>();
        e.update(old, now, TX, 0, m -> out.add(new String(m.json(), StandardCharsets.UTF_8)));
        return out;
    }

    @ParameterizedTest(name = "{0}: project {1} -> {2}, title {3} -> {4}")
    @CsvSource(nullValues = "NULL", value = {
            // replica, old project, new project, old title, new title, expected operations
            "DEFAULT, 7, 7, a, b, update",
            "DEFAULT, 7, 8, a, a, delete",
            "DEFAULT, 8, 7, a, a, insert",
            "DEFAULT, 8, 9, a, b, ''",
            "DEFAULT, NULL, 7, a, a, insert",
            "DEFAULT, 7, NULL, a, a, delete",
            "DEFAULT, 7, 7, a, a, ''",
            "FULL, 7, 7, a, b, update",
            "FULL, 7, 8, a, b, delete",
            "FULL, 8, 7, a, b, insert",
    })
    void shouldEmitMoveInOrOutWhenUpdateCrossesWhereClause(String replica, String oldProject, String newProject,
                                                         String oldTitle, String newTitle, String expected) {
        List<String> out = update(replica, row(oldTitle, "1", oldProject), row(newTitle, "1", newProject));
        List<String> ops = out.stream().map(m -> m.replaceAll(".*\"operation\":\"(\\w+)\".*", "$1")).toList();
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected), ops, String.join("\n", out));
    }

    @ParameterizedTest
    @CsvSource({"DEFAULT", "FULL"})
    void shouldSendFullNewRowWhenRowMovesIn(String replica) {
        List<String> out = update(replica, row("old", "1", "8"), row("new", "1", "7"));
        assertTrue(out.get(0).contains("\"value\":{\"id\":\"1\",\"title\":\"new\"}"), out.get(0));
    }

    @ParameterizedTest
    @CsvSource({"DEFAULT, '{\"id\":\"1\"}'", "FULL, '{\"id\":\"1\",\"title\":\"old\"}'"})
    void shouldDeleteOldKeyWhenRowMovesOut(String replica, String value) {
        List<String> out = update(replica, row("old", "1", "7"), row("new", "2", "8"));
        assertEquals(1, out.size(), String.join("\n", out));
        assertTrue(out.get(0).contains("\"key\":\"\\\"public\\\".\\\"issues\\\"/\\\"1\\\"\""), out.get(0));
        assertTrue(out.get(0).contains("\"value\":" + value), out.get(0));
    }

    @ParameterizedTest
    @CsvSource({"DEFAULT", "FULL"})
    void shouldSplitKeyChangeWhenRowStaysIn(String replica) {
        List<String> out = update(replica, row("t", "1", "7"), row("t", "2", "7"));
        assertEquals(2, out.size(), String.join("\n", out));
        assertTrue(out.get(0).contains("\"operation\":\"delete\"") && out.get(0).contains("key_change_to"), out.get(0));
        assertTrue(out.get(1).contains("\"operation\":\"insert\"") && out.get(1).contains("key_change_from"), out.get(1));
    }
}
