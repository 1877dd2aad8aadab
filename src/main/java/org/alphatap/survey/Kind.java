package org.alphatap.survey;

/** How a catalogue column is held once read: the compact type it is converted to. */
public enum Kind {
    /** 64-bit real, for positions and coordinates: large negative values are real (X = −8200 pc). */
    F64,
    /** 32-bit real, for measurements (float32 in the surveys); values ≤ −900 are sentinels. */
    F32,
    /** 64-bit identifier (obsid, Gaia DR3 source_id, sobject_id); strings of digits are accepted. */
    I64,
    /** 32-bit integer, for flags and counts. */
    I32,
    /** Text, trimmed. */
    TEXT
}
