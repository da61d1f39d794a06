package io.shapesync.http.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PageQueryTest {
    @Test
    void shouldUseDefaultsWhenParametersAbsent() {
        assertEquals(new PageQuery(100, 0, null), PageQuery.parse(null, null, null));
        assertEquals(new PageQuery(100, 0, null), PageQuery.parse("", "", " "));
    }

    @Test
    void shouldParseValuesWhenInRange() {
        assertEquals(new PageQuery(1000, 5, "items"), PageQuery.parse("1000", "5", " Items "));
    }

    @Test
    void shouldNameTheFieldWhenValueIsBad() {
        var e = assertThrows(PageQuery.InvalidParameterException.class, () -> PageQuery.parse("abc", null, null));
        assertEquals("limit", e.field());
        assertEquals("offset", assertThrows(PageQuery.InvalidParameterException.class,
                () -> PageQuery.parse(null, "-1", null)).field());
        assertEquals("limit", assertThrows(PageQuery.InvalidParameterException.class,
                () -> PageQuery.parse("0", null, null)).field());
        assertEquals("limit", assertThrows(PageQuery.InvalidParameterException.class,
                () -> PageQuery.parse("1001", null, null)).field());
        assertEquals("offset", assertThrows(PageQuery.InvalidParameterException.class,
                () -> PageQuery.parse(null, "99999999999999999999", null)).field());
    }

    @Test
    void shouldMatchPartOfQualifiedNameIgnoringCaseWhenFiltering() {
        PageQuery q = PageQuery.parse(null, null, "ITEMS");
        assertTrue(q.matches("public.items"));
        assertTrue(q.matches("public.my_items_2"));
        assertFalse(q.matches("public.orders"));
        assertTrue(PageQuery.parse(null, null, "public.it").matches("public.items"));
        assertTrue(PageQuery.parse(null, null, null).matches("anything.at_all"));
    }
}
