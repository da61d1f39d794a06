package io.shapesync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PgConnectionInfoTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            // url | host | port | database | user | password
            "postgresql://alice:s3cr%40t@db.example.com:6543/app?sslmode=require | db.example.com | 6543 | app      | alice    | s3cr@t",
            "postgres://bob:pw@localhost/shop                                    | localhost      | 5432 | shop     | bob      | pw",
            "jdbc:postgresql://carol:x%2Fy%3Az@10.0.0.1:5433/d1                  | 10.0.0.1       | 5433 | d1       | carol    | x/y:z",
            "postgresql://dave:a+b@h:1/db                                        | h              | 1    | db       | dave     | a+b",
            "postgresql://eve:p%40ss@w%40rd@h/db                                 | h              | 5432 | db       | eve      | p@ss@w@rd",
            "postgresql://h                                                      | h              | 5432 | postgres | postgres | ",
            "postgresql://frank@h:5432/                                          | h              | 5432 | postgres | frank    | ",
    })
    void shouldParseComponentsWhenUrlIsValid(String url, String host, int port, String database, String user,
                                             String password) {
        PgConnectionInfo info = PgConnectionInfo.parse(url);
        assertEquals(host, info.host());
        assertEquals(port, info.port());
        assertEquals(database, info.database());
        assertEquals(user, info.user());
        assertEquals(password, info.password());
    }

    @Test
    void shouldKeepQueryOptionsWhenPresent() {
        PgConnectionInfo info = PgConnectionInfo.parse(
                "postgresql://u:p@h:5432/db?sslmode=require&connectTimeout=10&sslrootcert=%2Fetc%2Fca.pem");
        assertEquals(Map.of("sslmode", "require", "connectTimeout", "10", "sslrootcert", "/etc/ca.pem"), info.options());
        assertEquals("jdbc:postgresql://h:5432/db", info.jdbcUrl());
        assertEquals("require", info.properties().getProperty("sslmode"));
        assertEquals("p", info.properties().getProperty("password"));
        assertEquals("u", info.properties().getProperty("user"));
    }

    @Test
    void shouldTakeUserAndPasswordFromQueryWhenGivenAsParams() {
        PgConnectionInfo info = PgConnectionInfo.parse("jdbc:postgresql://h/db?user=bob&password=p%26w&sslmode=disable");
        assertEquals("bob", info.user());
        assertEquals("p&w", info.password());
        assertEquals(Map.of("sslmode", "disable"), info.options());
    }

    @Test
    void shouldHidePasswordWhenRenderedAsString() {
        PgConnectionInfo info = PgConnectionInfo.parse("postgresql://alice:TopSecret99@db:6543/app?password=Other77");
        assertEquals("postgresql://alice@db:6543/app", info.toString());
        assertFalse(info.toString().contains("TopSecret99"));
        assertFalse(info.toString().contains("Other77"));
        assertEquals("Other77", info.password());
    }

    @Test
    void shouldHaveNoPasswordWhenUserInfoHasNone() {
        assertNull(PgConnectionInfo.parse("postgresql://alice@h/db").password());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "postgresql://u@h:abc/db    | DATABASE_URL has an invalid port: abc",
            "postgresql://u@h:/db       | DATABASE_URL has an invalid port: ",
            "postgresql://u@h:0/db      | DATABASE_URL has an invalid port: 0",
            "postgresql://u@h:70000/db  | DATABASE_URL has an invalid port: 70000",
            "postgresql://u@:5432/db    | DATABASE_URL has no host",
            "mysql://u@h/db             | DATABASE_URL must look like postgresql://user:password@host:port/database",
            "h:5432/db                  | DATABASE_URL must look like postgresql://user:password@host:port/database",
            "'   '                      | DATABASE_URL is empty",
    })
    void shouldThrowConfigExceptionWhenUrlIsInvalid(String url, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> PgConnectionInfo.parse(url));
        assertEquals(message.strip(), e.getMessage().strip());
    }

    @Test
    void shouldThrowConfigExceptionWhenUrlIsNull() {
        assertEquals("DATABASE_URL is empty",
                assertThrows(ConfigException.class, () -> PgConnectionInfo.parse(null)).getMessage());
    }
}
