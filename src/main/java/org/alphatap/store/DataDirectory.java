package org.alphatap.store;

/**
 * The layout of a build's data directory, shared by the build that writes it and the service
 * that reads it, so that neither needs to know the other's classes.
 */
public final class DataDirectory {
    /** The XGBoost model files, one per element and model family. */
    public static final String MODELS = "models";
    /** The reference tables the build compared with (OCCAM), with their provenance. */
    public static final String ANCHORS = "anchors";
    /** The async job store; a rebuild carries it over so that finished jobs survive it. */
    public static final String JOBS = "uws";

    private DataDirectory() {
    }
}
