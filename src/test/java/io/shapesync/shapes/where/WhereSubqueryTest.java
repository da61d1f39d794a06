package io.shapesync.shapes.where;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WhereSubqueryTest {

    @Test
    void shouldCompileSubqueryWhenShapeClauseUsesIn() {
        Where w = Fixture.compile("id IN (SELECT oid FROM other WHERE name = $1) AND t = 'x'", "bob");
        assertEquals("((\"id\" IN (SELECT \"oid\" FROM \"public\".\"other\" WHERE (\"name\" = 'bob'::text)))"
                + " AND (\"t\" = 'x'::text))", w.canonicalSql());
        assertEquals(List.of("bob", "x"), w.sql().binds());
        Subquery s = w.subqueries().get(0);
        assertEquals("other", s.table());
        assertEquals("public", s.schema());
        assertEquals(List.of("oid"), s.columns());
        assertEquals("SELECT DISTINCT \"oid\"::text FROM \"public\".\"other\" WHERE (\"name\" = ?::text)",
                s.sql().text());
        assertEquals(List.of("bob"), s.sql().binds());
        Set<Object> current = Set.of(s.key(List.of("7")));
        RowFilter f = w.filter((i, key) -> i == 0 && current.contains(key));
        assertTrue(f.matches(Fixture.row(w, "id=7;t=x")));
        assertFalse(f.matches(Fixture.row(w, "id=8;t=x")));
        assertThrows(IllegalStateException.class, w::filter);
    }

    @Test
    void shouldMatchRowKeysWhenSubqueryHasTwoColumns() {
        Where w = Fixture.compile("(id, t) NOT IN (SELECT oid, name FROM other)");
        Subquery s = w.subqueries().get(0);
        Object key = s.key(List.of("1", "a"));
        RowFilter f = w.filter((i, k) -> k.equals(key));
        assertFalse(f.matches(Fixture.row(w, "id=1;t=a")));
        assertTrue(f.matches(Fixture.row(w, "id=1;t=b")));
    }
}
