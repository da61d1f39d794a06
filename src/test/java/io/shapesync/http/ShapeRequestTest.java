package io.shapesync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shapesync.shapes.LogMode;
import io.shapesync.shapes.Replica;
import io.shapesync.storage.LogOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShapeRequestTest {

    private static Map<String, List<String>> errorsOf(String query) {
        return assertThrows(BadRequestException.class, () -> ShapeRequest.parse(query)).errors();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            // query | field | message
            "table=items                                   | offset   | can't be blank",
            "table=items&offset=                           | offset   | can't be blank",
            "''                                            | offset   | can't be blank",
            "table=items&offset=abc                        | offset   | has invalid format",
            "table=items&offset=1                          | offset   | has invalid format",
            "table=items&offset=-2                         | offset   | has invalid format",
            "table=items&offset=1_x                        | offset   | has invalid format",
            "table=items&offset=+1_0                       | offset   | has invalid format",
            "table=items&offset=nowx                       | offset   | has invalid format",
            "table=items&offset=5_3                        | handle   | can't be blank when offset != -1",
            "table=items&offset=5_3&handle=                | handle   | can't be blank when offset != -1",
            "table=items&offset=-1&live=true               | live     | can't be true when offset == -1",
            "table=items&offset=now&live=true              | live     | can't be true when offset is 'now'",
            "table=items&offset=5_3&handle=h&live_sse=true | live_sse | can't be true unless live is also true",
            "table=items&offset=5_3&handle=h&live=false&experimental_live_sse=true | live_sse | can't be true unless live is also true",
            "offset=-1                                     | table    | can't be blank",
            "offset=-1&table=                              | table    | can't be blank",
            "table=items&offset=-1&replica=partial         | replica  | is invalid",
            "table=items&offset=-1&log=everything          | log      | is invalid",
    })
    void shouldReportFieldAndMessageWhenParameterInvalid(String query, String field, String message) {
        assertEquals(Map.of(field, List.of(message)), errorsOf(query));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "''                                     | offset",   // missing offset hides missing table
            "offset=abc                             | offset",   // malformed offset hides missing table
            "offset=1_1                             | handle",   // missing handle hides missing table
            "offset=-1&live=true                    | live",     // live check before table
            "offset=1_1&handle=h&live_sse=true      | live_sse", // live_sse check before table
            "replica=x                              | replica",  // type casts come first
            "log=x&offset=abc                       | log",
    })
    void shouldStopAtFirstFailingGroupWhenSeveralParametersInvalid(String query, String field) {
        Map<String, List<String>> errors = errorsOf(query);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.containsKey(field), errors.toString());
    }

    @ParameterizedTest(name = "[{index}] live part: ''{0}''")
    @CsvSource(delimiter = '|', value = {
            "&live        | true",
            "&live=       | true",
            "&live=1      | true",
            "&live=true   | true",
            "&live=no     | true",
            "&live=false  | false",
            "''           | false",
    })
    void shouldCoerceLiveWhenAnyValueOtherThanFalse(String livePart, boolean expected) {
        ShapeRequest r = ShapeRequest.parse("table=items&offset=3_4&handle=h" + livePart);
        assertEquals(expected, r.live());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "live_sse=true                              | true",
            "live_sse                                   | true",
            "experimental_live_sse=true                 | true",
            "live_sse=false&experimental_live_sse=true  | false",
            "live_sse=true&experimental_live_sse=false  | true",
            "experimental_live_sse=false                | false",
            "other=1                                    | false",
    })
    void shouldUseExperimentalLiveSseWhenLiveSseAbsent(String ssePart, boolean expected) {
        ShapeRequest r = ShapeRequest.parse("table=items&offset=3_4&handle=h&live=true&" + ssePart);
        assertEquals(expected, r.liveSse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "now"})
    void shouldDiscardHandleWhenOffsetIsInitial(String offset) {
        ShapeRequest r = ShapeRequest.parse("table=items&offset=" + offset + "&handle=stale-123");
        assertNull(r.handle());
        assertTrue(r.initial());
        assertEquals(LogOffset.BEFORE_ALL, r.offset());
        assertEquals(offset, r.rawOffset());
        assertEquals(offset.equals("now"), r.now());
    }

    @Test
    void shouldKeepHandleAndOffsetWhenOffsetIsNotInitial() {
        ShapeRequest r = ShapeRequest.parse("table=items&offset=0026_04&handle=h-1&cursor=123&live=true");
        assertEquals("h-1", r.handle());
        assertEquals(new LogOffset(26, 4), r.offset());
        assertEquals("0026_04", r.rawOffset());
        assertFalse(r.initial());
        assertFalse(r.now());
        assertTrue(r.live());
        assertEquals("123", r.cursor());
    }

    @Test
    void shouldApplyDefaultsWhenOptionalParametersAbsent() {
        ShapeRequest r = ShapeRequest.parse("table=items&offset=-1");
        assertEquals("items", r.table());
        assertEquals(Replica.DEFAULT, r.replica());
        assertEquals(LogMode.FULL, r.log());
        assertFalse(r.live());
        assertFalse(r.liveSse());
        assertNull(r.where());
        assertNull(r.columns());
        assertNull(r.cursor());
        assertNull(r.secret());
        assertNull(r.subset());
        assertEquals(Map.of(), r.params());
    }

    @Test
    void shouldParseEnumsWhenGivenExplicitly() {
        ShapeRequest r = ShapeRequest.parse("table=items&offset=-1&replica=full&log=changes_only");
        assertEquals(Replica.FULL, r.replica());
        assertEquals(LogMode.CHANGES_ONLY, r.log());
    }

    @Test
    void shouldCollectBracketParamsWhenParamsGivenWithBrackets() {
        ShapeRequest r = ShapeRequest.parse(
                "table=items&offset=-1&where=a%3D%241+and+b%3D%242&params%5B1%5D=x+y&params[2]=z%2Bw");
        assertEquals(Map.of("1", "x y", "2", "z+w"), r.params());
        assertEquals("a=$1 and b=$2", r.where());
    }

    @Test
    void shouldDecodePlusAsSpaceWhenDecodingValues() {
        ShapeRequest r = ShapeRequest.parse("table=items&offset=-1&where=title+%3D+%27a+b%27&columns=id,%22My+Col%22");
        assertEquals("title = 'a b'", r.where());
        assertEquals("id,\"My Col\"", r.columns());
    }

    @Test
    void shouldIgnoreUnknownParamsWhenPresent() {
        ShapeRequest r = ShapeRequest.parse(
                "cache-buster=1&expired_handle=old&offset=-1&table=s.t&experimental_compaction=true&foo");
        assertEquals("s.t", r.table());
        assertNull(r.subset());
    }

    @Test
    void shouldFlagSubsetWhenAnySubsetParamPresent() {
        assertNotNull(ShapeRequest.parse("table=t&offset=-1&subset__where_expr=x").subset());
        assertEquals(3L, ShapeRequest.parse("table=t&offset=-1&subset__limit=3").subset().limit());
    }

    @Test
    void shouldReadSubsetParamsWhenGivenAsJsonOrBrackets() {
        SubsetRequest s = ShapeRequest.parse("table=t&offset=-1&subset__where=a%3D%241&subset__params=%7B%221%22%3A%22x%22%7D"
                + "&subset__order_by=a+DESC&subset__offset=2").subset();
        assertEquals("a=$1", s.where());
        assertEquals(Map.of("1", "x"), s.params());
        assertEquals("a DESC", s.orderBy());
        assertEquals(2L, s.offset());
        assertEquals(Map.of("1", "y"), ShapeRequest.parse("table=t&offset=-1&subset__params[1]=y").subset().params());
    }

    @Test
    void shouldRejectSubsetWhenLimitWithoutOrderBy() {
        SubsetRequest s = ShapeRequest.parse("table=t&offset=-1&subset__limit=3").subset();
        BadRequestException e = assertThrows(BadRequestException.class, s::validate);
        assertEquals(Map.of("subset.order_by", List.of("order_by is required when limit or offset is present")), e.errors());
        assertThrows(BadRequestException.class, () -> ShapeRequest.parse("table=t&offset=-1&subset__limit=x"));
        BadRequestException zero = assertThrows(BadRequestException.class,
                () -> ShapeRequest.parse("table=t&offset=-1&subset__limit=0&subset__order_by=a").subset().validate());
        assertEquals(Map.of("subset.limit", List.of("must be greater than 0")), zero.errors());
    }

    @Test
    void shouldMergeJsonParamsWhenParamsGivenAsJson() {
        ShapeRequest r = ShapeRequest.parse("table=t&offset=-1&where=a%3D%241&params=%7B%221%22%3A5%7D");
        assertEquals(Map.of("1", "5"), r.params());
        BadRequestException e = assertThrows(BadRequestException.class, () -> ShapeRequest.parse("table=t&offset=-1&params=%5B1%5D"));
        assertEquals(Map.of("params", List.of("is invalid")), e.errors());
    }

    @Test
    void shouldPreferSecretWhenBothSecretAndApiSecretGiven() {
        assertEquals("s1", ShapeRequest.parse("table=t&offset=-1&secret=s1&api_secret=s2").secret());
        assertEquals("s2", ShapeRequest.parse("table=t&offset=-1&api_secret=s2").secret());
    }

    @Test
    void shouldRejectWhenPercentEncodingMalformed() {
        assertEquals(Map.of("query", List.of("malformed percent-encoding in the query string")),
                errorsOf("table=%zz&offset=-1"));
    }
}
