-- TAP_SCHEMA of TAP 1.1: the service's own description of its tables, filled from vo-resources/
-- at build time. "size" is a reserved word in ADQL: clients write it "size".

CREATE SCHEMA IF NOT EXISTS tap_schema;

CREATE TABLE tap_schema.schemas (
    schema_name VARCHAR(64) NOT NULL PRIMARY KEY,
    utype VARCHAR(512),
    description VARCHAR(512),
    schema_index INTEGER
);

CREATE TABLE tap_schema.tables (
    schema_name VARCHAR(64) NOT NULL,
    table_name VARCHAR(128) NOT NULL PRIMARY KEY,
    table_type VARCHAR(8) NOT NULL,
    utype VARCHAR(512),
    description VARCHAR(512),
    table_index INTEGER,
    -- Not in TAP 1.1: the table's row count when the build published it, as other services add it.
    nrows BIGINT,
    FOREIGN KEY (schema_name) REFERENCES tap_schema.schemas (schema_name)
);

CREATE TABLE tap_schema.columns (
    table_name VARCHAR(128) NOT NULL,
    column_name VARCHAR(64) NOT NULL,
    utype VARCHAR(512),
    ucd VARCHAR(64),
    unit VARCHAR(64),
    description VARCHAR(512),
    datatype VARCHAR(64) NOT NULL,
    arraysize VARCHAR(16),
    xtype VARCHAR(64),
    size INTEGER,
    principal INTEGER NOT NULL,
    indexed INTEGER NOT NULL,
    std INTEGER NOT NULL,
    column_index INTEGER,
    PRIMARY KEY (table_name, column_name),
    FOREIGN KEY (table_name) REFERENCES tap_schema.tables (table_name)
);

CREATE TABLE tap_schema.keys (
    key_id VARCHAR(64) NOT NULL PRIMARY KEY,
    from_table VARCHAR(128) NOT NULL,
    target_table VARCHAR(128) NOT NULL,
    utype VARCHAR(512),
    description VARCHAR(512),
    FOREIGN KEY (from_table) REFERENCES tap_schema.tables (table_name),
    FOREIGN KEY (target_table) REFERENCES tap_schema.tables (table_name)
);

CREATE TABLE tap_schema.key_columns (
    key_id VARCHAR(64) NOT NULL,
    from_column VARCHAR(64) NOT NULL,
    target_column VARCHAR(64) NOT NULL,
    FOREIGN KEY (key_id) REFERENCES tap_schema.keys (key_id)
);
