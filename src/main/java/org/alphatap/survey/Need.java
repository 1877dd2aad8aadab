package org.alphatap.survey;

/** What a catalogue reader demands of a column. */
public enum Need {
    /** The column must exist and a row without a value is unusable: it is dropped and counted. */
    KEY,
    /** The column must exist; rows with a missing value are kept, and the missing values counted. */
    REQUIRED,
    /** At least one column of this need must exist; a row missing all of them is dropped and counted. */
    ONE_OF,
    /** The column may be absent. */
    OPTIONAL
}
