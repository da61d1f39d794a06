package io.shapesync.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Two buckets of concurrent requests; over a limit: the spec's 503. */
class AdmissionTest {

    @Test
    void shouldRefuseOnlyTheFullBucketAndAdmitAgainWhenATicketIsReleased() {
        Admission a = new Admission(2, 3, null);
        Admission.Ticket i1 = a.tryEnter(true);
        Admission.Ticket i2 = a.tryEnter(true);
        assertNotNull(i1);
        assertNotNull(i2);
        assertNull(a.tryEnter(true), "third initial request over the limit of 2");
        for (int k = 0; k < 3; k++) assertNotNull(a.tryEnter(false), "the existing bucket is separate");
        assertNull(a.tryEnter(false));
        i1.close();
        i1.close();  // released once only
        assertEquals(1, a.inFlight(true));
        assertNotNull(a.tryEnter(true));
        assertNull(a.tryEnter(true));
    }

    @Test
    void shouldNeverRefuseWhenLimitIsZero() {
        Admission a = new Admission(0, 0, null);
        for (int k = 0; k < 10_000; k++) assertNotNull(a.tryEnter(k % 2 == 0));
    }

    @Test
    void shouldAnswerSpecBodyWhenOverloaded() {
        assertEquals("{\"code\":\"concurrent_request_limit_exceeded\",\"message\":\"Concurrent initial request limit exceeded "
                + "(limit: 300), please retry\"}", Responses.overloadedBody(true, 300));
        assertTrue(Responses.overloadedBody(false, 10).contains("existing request limit exceeded (limit: 10)"));
    }
}
