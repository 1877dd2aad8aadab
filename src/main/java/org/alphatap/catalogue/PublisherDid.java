package org.alphatap.catalogue;

/**
 * Publisher dataset identifiers: {@code ivo://alphatap.example/alpha.stars?OBSID}, the row of a
 * table by its main identifier, as an IVOA identifier that DataLink clients pass back as ID. The
 * authority is the service's, a placeholder until the service is registered under its own.
 */
public final class PublisherDid {
    public static final String AUTHORITY = "ivo://alphatap.example/";

    private PublisherDid() {
    }

    /** The identifier of the row of {@code table} whose main identifier is {@code id}. */
    public static String of(String table, String id) {
        return AUTHORITY + table + "?" + id;
    }

    /** The main identifier within {@code table} that {@code did} names, or null if it names none there. */
    public static String localId(String table, String did) {
        String prefix = AUTHORITY + table + "?";
        return did.startsWith(prefix) && did.length() > prefix.length() ? did.substring(prefix.length()) : null;
    }
}
