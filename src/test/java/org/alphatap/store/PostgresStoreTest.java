package org.alphatap.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Connection strings and the messages of each way a connection fails: what went wrong and how to fix it. */
class PostgresStoreTest {

    @Test
    void readsJdbcAndLibpqConnectionStrings() {
        PostgresStore jdbc = PostgresStore.of("jdbc:postgresql://db.example.org:6543/alpha?user=tap&password=s3cret");
        assertEquals("db.example.org:6543", jdbc.host());
        assertEquals("alpha", jdbc.database());
        assertEquals("tap", jdbc.user());
        PostgresStore libpq = PostgresStore.of("postgresql://tap:s3cret@db.example.org:6543/alpha?ssl=false");
        assertEquals("jdbc:postgresql://db.example.org:6543/alpha?user=tap&password=s3cret&ssl=false", libpq.url());
        assertFalse(libpq.where().contains("s3cret"), libpq.where());
    }

    @Test
    void aStringThatIsNoPostgresUrlSaysHowToWriteOne() {
        for (String bad : new String[] {"mysql://tap@db/alpha", "jdbc:h2:file:/tmp/x", "db.example.org:5432",
            "postgresql://tap:pw@[bad/alpha"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostgresStore.of(bad));
            assertTrue(e.getMessage().contains("jdbc:postgresql://"), e.getMessage());
            assertFalse(e.getMessage().contains(":pw@"), "the password is not repeated: " + e.getMessage());
        }
    }

    @Test
    void anUnreachableServerIsNamedWithItsAddress() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        PostgresStore store = PostgresStore.of("jdbc:postgresql://127.0.0.1:" + port + "/alpha?connectTimeout=5");
        SQLException e = assertThrows(SQLException.class, store::openReader);
        assertTrue(e.getMessage().startsWith("cannot reach PostgreSQL at 127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("is the server running"), e.getMessage());
    }

    @Test
    void aMissingDatabaseAndAMissingGrantSayWhatToRun() throws Exception {
        try (TestPostgres pg = TestPostgres.create()) {
            PostgresStore missing = PostgresStore.of(TestPostgres.withDatabase(pg.url(), "no_such_db"));
            SQLException e = assertThrows(SQLException.class, missing::openReader);
            assertTrue(e.getMessage().contains("has no database no_such_db") && e.getMessage().contains("createdb"),
                    e.getMessage());

            String user = "alphatap_test_user_" + Long.toString(System.nanoTime(), 36);
            try (Connection c = pg.connect(); Statement s = c.createStatement()) {
                s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + PostgresStore.READER
                        + "') THEN CREATE ROLE " + PostgresStore.READER + " NOLOGIN; END IF; END $$");
                s.execute("CREATE ROLE " + user + " LOGIN");
            }
            try {
                PostgresStore stranger = PostgresStore.of(pg.url().replaceAll("user=[^&]*", "user=" + user));
                e = assertThrows(SQLException.class, stranger::openReader);
                assertTrue(e.getMessage().contains("GRANT " + PostgresStore.READER + " TO " + user), e.getMessage());
            } finally {
                try (Connection c = pg.connect(); Statement s = c.createStatement()) {
                    s.execute("DROP ROLE " + user);
                }
            }
        }
    }
}
