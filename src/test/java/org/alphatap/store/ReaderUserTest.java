package org.alphatap.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The service's connections, taken as they are and sent raw SQL: defence in depth behind the ADQL
 * translator. The read-only user reads the published schemas; H2's file, link, script and alias
 * machinery needs admin rights it does not have, and writing needs rights it does not have either.
 */
class ReaderUserTest {
    private static final int ADMIN = ErrorCode.ADMIN_RIGHTS_REQUIRED;
    private static final int NO_RIGHTS = ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1;
    private static final int READ_ONLY = ErrorCode.DATABASE_IS_READ_ONLY;
    @TempDir
    static Path dir;
    @TempDir
    static Path outside;
    private static Connection db;

    @BeforeAll
    static void open() throws Exception {
        Fixture.write(dir);
        db = Database.openReadOnly(dir);
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    @Test
    void readsThePublishedSchemas() throws Exception {
        assertEquals(4, count("SELECT COUNT(*) FROM alpha.stars"));
        assertTrue(count("SELECT COUNT(*) FROM tap_schema.columns") > 0);
    }

    @Test
    void thePageCacheIsSetForTheReaderByTheConnectionThatHoldsIt() throws Exception {
        try (Connection holder = Database.openWithCache(dir, 24); ResultSet rs = db.createStatement().executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")) {
            rs.next();
            assertEquals("24", rs.getString(1), "MB");
        }
    }

    static Stream<Arguments> refused() {
        String file = outside.resolve("written").toString();
        return Stream.of(
                Arguments.of("SELECT FILE_READ('/etc/passwd')", ADMIN),
                Arguments.of("SELECT FILE_WRITE('x', '" + file + "')", ADMIN),
                Arguments.of("SELECT * FROM CSVREAD('/etc/passwd')", ADMIN),
                Arguments.of("CALL CSVWRITE('" + file + "', 'SELECT 1')", ADMIN),
                Arguments.of("CALL LINK_SCHEMA('L', '', 'jdbc:h2:mem:l', 'sa', '', 'PUBLIC')", ADMIN),
                Arguments.of("CREATE LINKED TABLE l('', 'jdbc:h2:mem:l', 'sa', '', 'T')", ADMIN),
                Arguments.of("CREATE ALIAS GETENV FOR 'java.lang.System.getenv(java.lang.String)'", ADMIN),
                Arguments.of("RUNSCRIPT FROM '/etc/passwd'", ADMIN),
                Arguments.of("SCRIPT TO '" + file + "'", ADMIN),
                Arguments.of("BACKUP TO '" + file + "'", ADMIN),
                Arguments.of("SET TRACE_LEVEL_FILE 3", ADMIN),
                Arguments.of("SHUTDOWN", ADMIN),
                Arguments.of("CREATE USER intruder PASSWORD 'x' ADMIN", ADMIN),
                Arguments.of("GRANT INSERT ON SCHEMA alpha TO TAP_READER", NO_RIGHTS),
                Arguments.of("CREATE TABLE alpha.planted (x INT)", NO_RIGHTS),
                Arguments.of("DROP TABLE alpha.members", READ_ONLY),
                Arguments.of("INSERT INTO alpha.stars (obsid, ra, dec, flags) VALUES (99, 0, 0, 0)", READ_ONLY),
                Arguments.of("DELETE FROM tap_schema.columns", READ_ONLY));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesWhatNeedsMoreThanReading(String sql, int code) throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> run(db, sql));
        assertEquals(code, e.getErrorCode(), e.getMessage());
        try (Stream<Path> left = Files.list(outside)) {
            assertEquals(0, left.count(), "nothing was written outside the data directory");
        }
    }

    /** Without the read-only mode, the user's own rights still stop every write. */
    @Test
    void theReaderCannotWriteOnAWritableConnectionEither(@TempDir Path other) throws Exception {
        Fixture.write(other);
        try (Connection c = DriverManager.getConnection(Database.url(other), Database.READER, "")) {
            for (String sql : new String[] {"INSERT INTO alpha.stars (obsid, ra, dec, flags) VALUES (99, 0, 0, 0)",
                "DELETE FROM tap_schema.columns", "DROP TABLE alpha.members", "CREATE TABLE alpha.planted (x INT)"}) {
                assertEquals(NO_RIGHTS, assertThrows(SQLException.class, () -> run(c, sql)).getErrorCode(), sql);
            }
        }
    }

    @Test
    void aBuildWithoutTheReaderIsRefusedWithAReason(@TempDir Path old) throws Exception {
        try (Staging staging = new H2Store(old).stage(old)) {
            Connection c = staging.connection();
            DdlScript.run(c, "/schema/alpha.sql");
        }
        SQLException e = assertThrows(SQLException.class, () -> Database.openReadOnly(old));
        assertTrue(e.getMessage().contains("build it again"), e.getMessage());
    }

    /** Runs a statement to its last row: a lazy query calls its functions only as rows are read. */
    private static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
            }
        }
    }

    private static long count(String sql) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
