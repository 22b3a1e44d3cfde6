package org.tagbench.results;

import org.tagbench.metrics.TagMetrics;

/**
 * A model's test metrics under one perturbation at one strength ({@code tagbench robustness}); the clean evaluation
 * is perturbation {@link #CLEAN} with an empty parameter and strength NaN.
 */
public record RobustnessRow(String perturbation, String parameter, double strength, TagMetrics metrics) {
    /** The perturbation name of the clean evaluation. */
    public static final String CLEAN = "none";

    /** The clean evaluation's row. */
    public static RobustnessRow clean(TagMetrics metrics) {
        return new RobustnessRow(CLEAN, "", Double.NaN, metrics);
    }

    /** Whether this is the clean evaluation. */
    public boolean isClean() {
        return CLEAN.equals(perturbation);
    }
}
