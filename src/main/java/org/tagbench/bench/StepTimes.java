package org.tagbench.bench;

import java.util.Arrays;

/** The seconds of each timed training step, in order. */
public record StepTimes(double[] seconds) {

    /** Requires at least one step. */
    public StepTimes {
        if (seconds.length == 0) {
            throw new IllegalArgumentException("no timed steps");
        }
        seconds = seconds.clone();
    }

    /** A copy of each step's seconds. */
    @Override
    public double[] seconds() {
        return seconds.clone();
    }

    /** The median step (the mean of the middle two for an even count). */
    public double median() {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The mean step. */
    public double mean() {
        return Arrays.stream(seconds).average().orElseThrow();
    }
}
