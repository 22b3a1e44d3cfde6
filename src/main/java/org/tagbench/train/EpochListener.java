package org.tagbench.train;

/** Told of each epoch as it ends, once its checkpoint holds it (the results store appends it to the run's row). */
@FunctionalInterface
public interface EpochListener {
    /** A listener that does nothing. */
    EpochListener NONE = epoch -> { };

    /** Epoch {@code epoch.epoch()} has ended and is in the checkpoint. */
    void epochEnded(EpochRecord epoch);
}
