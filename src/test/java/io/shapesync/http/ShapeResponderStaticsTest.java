package io.shapesync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShapeResponderStaticsTest {
    private static final String ETAG = "\"3833821-1721812114261:-1:0_0\"";

    @ParameterizedTest(name = "[{index}] If-None-Match: {0}")
    @CsvSource(delimiter = '|', value = {
            "\"3833821-1721812114261:-1:0_0\"                     | true",
            "W/\"3833821-1721812114261:-1:0_0\"                   | true",
            "3833821-1721812114261:-1:0_0                         | true",
            "\"other\", \"3833821-1721812114261:-1:0_0\"          | true",
            "\"other\",W/\"3833821-1721812114261:-1:0_0\"         | true",
            "\"3833821-1721812114261:-1:0_1\"                     | false",
            "\"other\"                                            | false",
            "\"3833821-1721812114261:-1\"                         | false",
            "''                                                   | false",
    })
    void shouldCompareWithoutQuotesWhenMatchingEtag(String ifNoneMatch, boolean expected) {
        assertEquals(expected, ShapeResponder.etagMatches(ifNoneMatch, ETAG));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "24153480, 24153480", "-1, 18446744073709551615"})
    void shouldRenderUnsignedLsnWhenBuildingUpToDate(long lsn, String expected) {
        assertEquals("{\"headers\":{\"control\":\"up-to-date\",\"global_last_seen_lsn\":\"" + expected + "\"}}",
                new String(ShapeResponder.upToDateJson(lsn), StandardCharsets.US_ASCII));
    }
}
