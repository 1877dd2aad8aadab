package org.alphatap.predict;

/**
 * A /predict request refused: the HTTP status to answer with and what the client should change.
 * The web layer turns it into the service's error document.
 */
public final class PredictRefusal extends Exception {
    private final int status;

    public PredictRefusal(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
