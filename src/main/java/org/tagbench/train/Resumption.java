package org.tagbench.train;

import java.time.Instant;
import java.util.List;

/**
 * One resumption of a run: when, from where (the epoch and the batches of it already done), the learning rate in
 * use at the checkpoint and the one training went on with, and the {@code --set} overrides it was given.
 */
public record Resumption(Instant at, int epoch, int batchesDone, double lrBefore, double lrAfter,
                         List<String> overrides) {
    public Resumption {
        overrides = List.copyOf(overrides);
    }
}
