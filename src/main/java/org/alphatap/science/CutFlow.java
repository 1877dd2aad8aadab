package org.alphatap.science;

import java.util.ArrayList;
import java.util.List;

/** Rows left after each cut, in the order applied: the table a build report prints. */
public final class CutFlow {
    public record Step(String cut, int remaining) {
    }

    private final List<Step> steps = new ArrayList<>();

    void add(String cut, int remaining) {
        steps.add(new Step(cut, remaining));
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Rows left after the last cut. */
    public int remaining() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).remaining();
    }

    /** Markdown table: cut, rows left, rows removed. */
    public String toMarkdown() {
        StringBuilder s = new StringBuilder("| cut | rows left | removed |\n|---|---:|---:|\n");
        int before = -1;
        for (Step step : steps) {
            s.append("| ").append(step.cut()).append(" | ").append(step.remaining()).append(" | ")
                    .append(before < 0 ? "" : Integer.toString(before - step.remaining())).append(" |\n");
            before = step.remaining();
        }
        return s.toString();
    }
}
