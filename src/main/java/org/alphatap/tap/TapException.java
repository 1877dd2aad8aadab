package org.alphatap.tap;

/** A request the service answers with an error document: the HTTP status and what went wrong. */
public class TapException extends Exception {
    private final int status;

    public TapException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
