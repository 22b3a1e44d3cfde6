package org.tagbench.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * Scales an architecture's Table 1 width ratios to integer widths whose exact trainable-parameter count is
 * closest to a budget, so that architectures are compared at equal parameter count.
 */
public final class WidthSolver {
    /** The paper's tolerance: a solved network is within 2% of its budget. */
    public static final double TOLERANCE = 0.02;
    private static final double SCALE_STEP = 0.005;

    private WidthSolver() {
    }

    /** The network of {@code arch} for this input whose trainable count is nearest {@code budget}. */
    public static ModelSpec solve(Architecture arch, long budget, int melBands, int frames, int tags) {
        double[] ratios = arch.widthRatios();
        double lo = 0.1;
        double hi = 1.0;
        while (count(arch, ratios, hi, melBands, frames, tags) < budget) {
            hi *= 2;
        }
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (count(arch, ratios, mid, melBands, frames, tags) < budget) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        // Rounding makes the count a step function of the scale: look at the steps around the crossing.
        ModelSpec best = null;
        for (double s = Math.max(SCALE_STEP, hi - 1); s <= hi + 1; s += SCALE_STEP) {
            ModelSpec candidate = arch.spec(melBands, frames, tags, widths(ratios, s));
            if (best == null || Math.abs(candidate.trainableParams() - budget)
                    < Math.abs(best.trainableParams() - budget)) {
                best = candidate;
            }
        }
        double error = Math.abs(best.trainableParams() - budget) / (double) budget;
        if (error > TOLERANCE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s cannot be built within 2%% of %d parameters: nearest is %d with widths %s",
                    arch, budget, best.trainableParams(), best.widths()));
        }
        return best;
    }

    private static long count(Architecture arch, double[] ratios, double scale, int melBands, int frames, int tags) {
        return arch.spec(melBands, frames, tags, widths(ratios, scale)).trainableParams();
    }

    private static int[] widths(double[] ratios, double scale) {
        return Arrays.stream(ratios).mapToInt(r -> (int) Math.max(1, Math.round(r * scale))).toArray();
    }
}
