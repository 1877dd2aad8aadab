package org.alphatap.cli;

import java.io.PrintStream;
import org.alphatap.survey.Progress;

/** A progress bar on standard error; without a terminal, a line at every tenth. */
final class ConsoleProgress implements Progress {
    private final PrintStream out;
    private final boolean terminal;

    ConsoleProgress(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    @Override
    public Task start(String stage, long total) {
        long started = System.nanoTime();
        return new Task() {
            private int shown = -1;

            @Override
            public void advance(long done) {
                int pct = total <= 0 ? 100 : (int) Math.min(100, 100 * done / total);
                if (terminal ? pct != shown : pct / 10 != shown / 10) {
                    shown = pct;
                    print(done, pct, terminal ? "\r" : "", terminal ? "" : "\n");
                }
            }

            @Override
            public void close() {
                print(total, 100, terminal ? "\r" : "", "\n");
            }

            private void print(long done, int pct, String prefix, String suffix) {
                int bar = pct / 4;
                double seconds = (System.nanoTime() - started) / 1e9;
                out.printf("%s%-20s [%s%s] %3d%% %,d/%,d %.1fs%s", prefix, stage, "#".repeat(bar),
                        " ".repeat(25 - bar), pct, done, total, seconds, suffix);
                out.flush();
            }
        };
    }
}
