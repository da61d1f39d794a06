package io.shapesync.http;

/** Header names and fixed values of the protocol. */
final class Headers {
    static final String HANDLE = "electric-handle";
    static final String OFFSET = "electric-offset";
    static final String SCHEMA = "electric-schema";
    static final String CURSOR = "electric-cursor";
    static final String UP_TO_DATE = "electric-up-to-date";
    static final String HAS_DATA = "electric-has-data";
    static final String SERVER = "electric-server";
    static final String KNOWN_ERROR = "electric-internal-known-error";
    static final String SURROGATE_CONTROL = "surrogate-control";
    static final String RETRY_AFTER = "retry-after";
    static final String EXPOSED = "electric-cursor,electric-handle,electric-has-data,electric-offset,electric-schema,"
            + "electric-up-to-date,electric-internal-known-error,electric-snapshot,retry-after";
    static final String JSON = "application/json; charset=utf-8";

    private Headers() {
    }
}
