package org.alphatap.store;

/** The SQL engines a build can be stored in and served from. */
public enum Engine {
    H2("H2"), POSTGRESQL("PostgreSQL");

    private final String title;

    Engine(String title) {
        this.title = title;
    }

    /** The engine's name as people write it. */
    public String title() {
        return title;
    }
}
