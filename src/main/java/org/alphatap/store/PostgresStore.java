package org.alphatap.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.alphatap.survey.Progress;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * A build in a PostgreSQL database. The build loads into staging schemas beside the served ones
 * and renames them in one transaction, so the service never sees half a build; the service reads
 * as the role {@value #READER}, which may SELECT the published schemas and nothing else, in
 * read-only transactions.
 */
public record PostgresStore(String url, String host, String database, String user) implements Store {
    /** The role the service reads as; a build creates it and grants it SELECT. */
    public static final String READER = "alphatap_reader";
    /** The suffix of a build's schemas while it loads. */
    static final String STAGING = "_staging";
    /** The suffix of the replaced build's schemas, between the swap and their removal. */
    static final String PREVIOUS = "_previous";
    /** The schema of the service's async jobs, beside the build's and never swapped by one. */
    public static final String JOBS = "alphatap_uws";
    /** The advisory lock a build holds, so that two builds never load one database at once. */
    private static final long BUILD_LOCK = 0x616c706861746170L;
    /** Memory for each index build's sort: the largest index of the full-scale build fits. */
    private static final String INDEX_MEMORY = "512MB";
    private static final String EXAMPLE = "jdbc:postgresql://127.0.0.1:5432/alphatap?user=alphatap&password=…"
            + " or postgresql://alphatap:…@127.0.0.1:5432/alphatap";

    /**
     * The store a connection string names: a JDBC URL ({@code jdbc:postgresql://host:port/db?user=…})
     * or a libpq one ({@code postgresql://user:password@host:port/db}).
     */
    public static PostgresStore of(String connection) {
        String url = connection.strip();
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            url = fromLibpq(url);
        }
        Properties p = url.startsWith("jdbc:postgresql:") ? Driver.parseURL(url, null) : null;
        if (p == null) {
            throw new IllegalArgumentException("'" + redact(connection) + "' is not a PostgreSQL connection string;"
                    + " write it as " + EXAMPLE);
        }
        String user = PGProperty.USER.getOrDefault(p);
        if (user == null) {
            user = System.getProperty("user.name");
        }
        return new PostgresStore(url, PGProperty.PG_HOST.getOrDefault(p) + ":" + PGProperty.PG_PORT.getOrDefault(p),
                PGProperty.PG_DBNAME.getOrDefault(p), user);
    }

    private static String fromLibpq(String uri) {
        try {
            URI u = new URI(uri);
            StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(u.getHost() == null ? "localhost" : u.getHost());
            if (u.getPort() > 0) {
                jdbc.append(':').append(u.getPort());
            }
            jdbc.append(u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath());
            List<String> query = new ArrayList<>();
            if (u.getRawUserInfo() != null) {
                String[] userInfo = u.getUserInfo().split(":", 2);
                query.add("user=" + URLEncoder.encode(userInfo[0], StandardCharsets.UTF_8));
                if (userInfo.length == 2) {
                    query.add("password=" + URLEncoder.encode(userInfo[1], StandardCharsets.UTF_8));
                }
            }
            if (u.getRawQuery() != null) {
                query.add(u.getRawQuery());
            }
            return jdbc + (query.isEmpty() ? "" : "?" + String.join("&", query));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + redact(uri) + "' is not a PostgreSQL connection string ("
                    + e.getReason() + "); write it as " + EXAMPLE);
        }
    }

    /** A connection string with its password, if any, replaced by "…". */
    static String redact(String connection) {
        return connection.replaceAll("(?i)(password=)[^&]*", "$1…").replaceAll("(//[^/:@]*:)[^@/]*@", "$1…@");
    }

    @Override
    public Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Override
    public String where() {
        return "PostgreSQL database " + database + " at " + host;
    }

    @Override
    public String howToBuild() {
        return "load a build into it with alphatap build --data DIR --database …";
    }

    /** A connection as the URL's user, with a message that says what to fix when there is none. */
    public Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            String why = e.getMessage().lines().findFirst().orElse("");
            if (state.startsWith("08") || e.getCause() instanceof ConnectException) {
                throw new SQLException("cannot reach PostgreSQL at " + host + " (" + why + "): is the server running"
                        + " and listening there? Check the host and port of the connection string", state, e);
            }
            if (state.startsWith("28")) {
                throw new SQLException("PostgreSQL at " + host + " refused the user " + user + " (" + why
                        + "): check the user and password of the connection string", state, e);
            }
            if (state.equals("3D000")) {
                throw new SQLException("PostgreSQL at " + host + " has no database " + database + ": create it (createdb "
                        + database + ") and load a build into it with alphatap build --database …", state, e);
            }
            throw new SQLException("cannot connect to " + where() + ": " + why, state, e);
        }
    }

    @Override
    public Connection openReader() throws SQLException {
        Connection c = connect();
        try {
            asReader(c);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Makes a connection the reader's: its role, read-only transactions, and no autocommit, so that
     * results stream from a cursor instead of arriving whole.
     */
    private void asReader(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET ROLE " + READER);
        } catch (SQLException e) {
            if ("22023".equals(e.getSQLState())) {
                throw new SQLException(where() + " has no role " + READER + ", so it holds no alphatap build: load one"
                        + " with alphatap build --database …", e.getSQLState(), e);
            }
            if ("42501".equals(e.getSQLState())) {
                throw new SQLException("the user " + user + " may not act as " + READER + " in " + where()
                        + ": as the database's owner, GRANT " + READER + " TO " + user, e.getSQLState(), e);
            }
            throw e;
        }
        c.setReadOnly(true);
        c.setAutoCommit(false);
    }

    @Override
    public Readers readers(int maxConnections, int cacheMb) throws SQLException {
        try (Connection c = openReader()) {
            // Fails here, with openReader's message, rather than in the pool's first borrower.
        }
        HikariConfig config = poolConfig("alphatap-readers");
        config.setConnectionInitSql("SET ROLE " + READER);
        // Results in PostgreSQL's binary format from the first execution (a query runs once): no
        // number is printed as text by the server and parsed again by the driver.
        config.addDataSourceProperty("prepareThreshold", "-1");
        config.setReadOnly(true);
        config.setAutoCommit(false);
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(Math.min(2, maxConnections));
        HikariDataSource pool = new HikariDataSource(config);
        return new Readers(pool, pool::close, CompletableFuture.completedFuture(null));
    }

    /**
     * The schema {@value #JOBS} of the build's database, created if missing, with a pool of
     * connections as the URL's user (the reader may not write). Every service process on this
     * database shares it, so a job created through one is seen, run and served by any.
     */
    @Override
    public JobDatabase jobDatabase(Path jobsDir) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + JOBS);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new SQLException("the user " + user + " may not create the schema " + JOBS + " in " + where()
                        + ", where the service keeps its async jobs: as the database's owner, GRANT CREATE ON DATABASE "
                        + database + " TO " + user, e.getSQLState(), e);
            }
            throw e;
        }
        HikariConfig config = poolConfig("alphatap-jobs");
        config.setConnectionInitSql("SET search_path TO " + JOBS);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        HikariDataSource pool = new HikariDataSource(config);
        return new JobDatabase(pool, true, pool::close);
    }

    /**
     * A pool that finds a restarted server again. Every borrowed connection is checked first (an
     * empty query, about 0.1 ms on loopback), not only those idle for half a second: after a server
     * restart the pool still holds connections that were in use a moment before, and one of them
     * must not fail the next query. Hikari reads that setting once, when its pool class loads.
     */
    private HikariConfig poolConfig(String name) {
        System.getProperties().putIfAbsent("com.zaxxer.hikari.aliveBypassWindowMs", "0");
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        // A broken connection is dropped, not lent; the pool starts even while the server is down.
        config.setInitializationFailTimeout(-1);
        return config;
    }

    /**
     * Staging schemas ({@code alpha_staging}, {@code tap_schema_staging}) beside the served ones,
     * emptied first: what a failed build left there is thrown away.
     */
    @Override
    public Staging stage(Path stagingDir) throws SQLException {
        Connection c = connect();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + BUILD_LOCK + ")")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new SQLException("another alphatap build is loading " + where() + "; wait for it to end");
                }
            }
            // Index builds sort in memory rather than in temporary files (a session setting).
            s.execute("SET maintenance_work_mem = '" + INDEX_MEMORY + "'");
            Schemas staged = Schemas.withSuffix(STAGING);
            for (String schema : staged.writtenNames()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            return new PostgresStaging(c, staged);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    private final class PostgresStaging extends Staging {
        PostgresStaging(Connection c, Schemas schemas) {
            super(c, schemas);
        }

        @Override
        public void grantReading() throws SQLException {
            try (Statement s = connection().createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + READER + "'")) {
                    if (!rs.next()) {
                        try {
                            s.execute("CREATE ROLE " + READER + " NOLOGIN");
                        } catch (SQLException e) {
                            throw new SQLException("the user " + user + " may not create the role " + READER + " in "
                                    + where() + ": create it once as a superuser (CREATE ROLE " + READER
                                    + " NOLOGIN; GRANT " + READER + " TO " + user + ")", e.getSQLState(), e);
                        }
                    }
                }
                s.execute("GRANT " + READER + " TO CURRENT_USER");
                for (String schema : schemas().writtenNames()) {
                    s.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + READER);
                    s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + READER);
                }
            }
        }

        /**
         * ANALYZE, then one transaction renames the served schemas away and the staged ones in; the
         * old build's schemas are dropped once nothing reads them.
         */
        @Override
        public void publish(Progress progress) throws SQLException {
            Connection c = connection();
            try (Statement s = c.createStatement()) {
                try (Progress.Task task = progress.start("analyze", 1)) {
                    task.advance(0);
                    for (String schema : schemas().writtenNames()) {
                        List<String> tables = new ArrayList<>();
                        try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = '"
                                + schema + "'")) {
                            while (rs.next()) {
                                tables.add(rs.getString(1));
                            }
                        }
                        for (String table : tables) {
                            s.execute("ANALYZE " + schema + "." + table);
                        }
                    }
                }
                try (Progress.Task task = progress.start("swap in", 1)) {
                    task.advance(0);
                    c.setAutoCommit(false);
                    for (String schema : Schemas.PUBLISHED) {
                        s.execute("DROP SCHEMA IF EXISTS " + schema + PREVIOUS + " CASCADE");
                        boolean served;
                        try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_namespace WHERE nspname = '" + schema + "'")) {
                            served = rs.next();
                        }
                        if (served) {
                            s.execute("ALTER SCHEMA " + schema + " RENAME TO " + schema + PREVIOUS);
                        }
                        s.execute("ALTER SCHEMA " + schemas().written(schema) + " RENAME TO " + schema);
                    }
                    c.commit();
                    c.setAutoCommit(true);
                    for (String schema : Schemas.PUBLISHED) {
                        s.execute("DROP SCHEMA IF EXISTS " + schema + PREVIOUS + " CASCADE");
                    }
                }
            } catch (SQLException e) {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                throw e;
            }
        }
    }
}
