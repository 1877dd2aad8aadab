package org.alphatap.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.alphatap.survey.Progress;

/**
 * A new build's tables while they are written: a read-write connection and the schema names to
 * write under. {@link #publish} makes them the served ones in one step; closing an unpublished
 * staging leaves the served build as it was.
 */
public abstract class Staging implements AutoCloseable {
    private final Connection connection;
    private final Schemas schemas;

    protected Staging(Connection connection, Schemas schemas) {
        this.connection = connection;
        this.schemas = schemas;
    }

    public Connection connection() {
        return connection;
    }

    public Schemas schemas() {
        return schemas;
    }

    /** Rows into a published table ({@code alpha.stars}), wherever it is written. */
    public TableRows rows(String table, String... columns) throws SQLException {
        return TableRows.into(connection, schemas.table(table), columns);
    }

    /** Runs a DDL script of {@code schema/} on the staged schemas. */
    public void runScript(String resource, Progress progress) throws SQLException, IOException {
        DdlScript.run(connection, resource, schemas, progress);
    }

    /**
     * Lets the service's reader SELECT the staged schemas and nothing else: the last step before
     * {@link #publish}, once every table exists.
     */
    public abstract void grantReading() throws SQLException;

    /** Makes the staged tables the served ones, atomically where the engine allows. */
    public abstract void publish(Progress progress) throws SQLException;

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
