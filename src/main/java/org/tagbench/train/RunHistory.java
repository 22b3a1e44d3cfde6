package org.tagbench.train;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** When a run started and each time it was resumed, kept in its checkpoints so that the record tells the truth. */
public record RunHistory(Instant started, List<Resumption> resumptions) {
    public RunHistory {
        resumptions = List.copyOf(resumptions);
    }

    /** The history of a run started at {@code started} and never resumed. */
    static RunHistory startedAt(Instant started) {
        return new RunHistory(started, List.of());
    }

    /** This history with one more resumption. */
    RunHistory with(Resumption resumption) {
        List<Resumption> all = new ArrayList<>(resumptions);
        all.add(resumption);
        return new RunHistory(started, all);
    }
}
