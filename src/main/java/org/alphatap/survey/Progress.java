package org.alphatap.survey;

/**
 * Where long stages report how far they are. The command line draws a bar; tests pass
 * {@link #SILENT}.
 */
public interface Progress {
    /** A stage with a known amount of work. */
    interface Task extends AutoCloseable {
        void advance(long done);

        @Override
        void close();
    }

    Task start(String stage, long total);

    Progress SILENT = (stage, total) -> new Task() {
        @Override
        public void advance(long done) {
        }

        @Override
        public void close() {
        }
    };
}
