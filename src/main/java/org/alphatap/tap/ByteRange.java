package org.alphatap.tap;

import java.util.Optional;

/**
 * One range of bytes a client asked for with an HTTP Range header ({@code bytes=first-last},
 * {@code bytes=first-} or {@code bytes=-suffix}), so that an interrupted download of a large
 * result goes on where it stopped. Several ranges in one request are answered whole, as HTTP
 * allows; a range past the end is a 416.
 */
public record ByteRange(long first, long last) {

    public long length() {
        return last - first + 1;
    }

    /** The Content-Range header of this range of a {@code size}-byte file. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * The range a header asks of a {@code size}-byte file: empty for no header, a header this reads
     * as the whole file (several ranges, another unit, a malformed one: RFC 9110 lets a server ignore
     * those), or a range that covers all of it.
     */
    public static Optional<ByteRange> of(String header, long size) throws TapException {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return Optional.empty();
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        long first;
        long last;
        try {
            if (dash == 0) {
                long suffix = Long.parseLong(spec.substring(1));
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(spec.substring(0, dash));
                last = dash == spec.length() - 1 ? size - 1 : Math.min(size - 1, Long.parseLong(spec.substring(dash + 1)));
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (first < 0 || last < first) {
            if (first >= size) {
                throw new TapException(416, "the range " + spec + " starts past the end of the " + size
                        + "-byte result");
            }
            return Optional.empty();
        }
        return first == 0 && last == size - 1 ? Optional.empty() : Optional.of(new ByteRange(first, last));
    }
}
