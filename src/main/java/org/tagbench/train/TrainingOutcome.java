package org.tagbench.train;

import java.util.List;

/** Every epoch's record and the epoch whose weights the network holds afterwards (the best on validation). */
public record TrainingOutcome(List<EpochRecord> epochs, int bestEpoch) {
    public TrainingOutcome {
        epochs = List.copyOf(epochs);
    }
}
