package org.tagbench.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scales an architecture's Table 1 width ratios to integer widths whose exact trainable-parameter count is
 * closest to a budget, so that architectures are compared at equal parameter count.
 */
public final class WidthSolver {
    /** The paper's tolerance: a solved network is within 2% of its budget. */
    public static final double TOLERANCE = 0.02;
    private static final double SCALE_STEP = 0.01;

    private WidthSolver() {
    }

    /**
     * The network of {@code arch} for this input whose trainable count is nearest {@code budget}: widths on the
     * paper's ratios (each group's width rounded from one scale) when one is within {@link #TOLERANCE}, otherwise
     * the nearest with one group's width moved off the ratio by up to a quarter (a single step of a width can
     * change the count by more than 4% where one term dominates, e.g. k1c2's first dense layer at small budgets).
     */
    public static ModelSpec solve(Architecture arch, long budget, int melBands, int frames, int tags) {
        double[] ratios = arch.groupRatios();
        double scale = crossing(arch, ratios, budget, melBands, frames, tags);
        Set<List<Integer>> onRatio = new LinkedHashSet<>();
        for (double s = Math.max(SCALE_STEP, scale - 1); s <= scale + 1; s += SCALE_STEP) {
            onRatio.add(rounded(ratios, s));
        }
        ModelSpec best = nearest(arch, onRatio, budget, melBands, frames, tags);
        if (error(best, budget) <= TOLERANCE) {
            return best;
        }
        Set<List<Integer>> offRatio = new LinkedHashSet<>();
        for (List<Integer> groups : onRatio) {
            for (int g = 0; g < groups.size(); g++) {
                int reach = Math.max(3, groups.get(g) / 4);
                for (int w = Math.max(1, groups.get(g) - reach); w <= groups.get(g) + reach; w++) {
                    List<Integer> moved = new ArrayList<>(groups);
                    moved.set(g, w);
                    offRatio.add(moved);
                }
            }
        }
        best = nearest(arch, offRatio, budget, melBands, frames, tags);
        if (error(best, budget) > TOLERANCE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s cannot be built within 2%% of %d parameters for a %d x %d input and %d tags: nearest is %d"
                            + " with widths %s", arch, budget, melBands, frames, tags, best.trainableParams(),
                    best.widths()));
        }
        return best;
    }

    /** The width scale at which the count of the rounded widths first reaches the budget (bisection). */
    private static double crossing(Architecture arch, double[] ratios, long budget, int melBands, int frames,
                                   int tags) {
        double lo = 0;
        double hi = 1;
        while (count(arch, rounded(ratios, hi), melBands, frames, tags) < budget) {
            hi *= 2;
        }
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (count(arch, rounded(ratios, mid), melBands, frames, tags) < budget) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    private static ModelSpec nearest(Architecture arch, Set<List<Integer>> groupWidths, long budget, int melBands,
                                     int frames, int tags) {
        ModelSpec best = null;
        for (List<Integer> groups : groupWidths) {
            ModelSpec candidate = spec(arch, groups, melBands, frames, tags);
            if (best == null || Math.abs(candidate.trainableParams() - budget)
                    < Math.abs(best.trainableParams() - budget)) {
                best = candidate;
            }
        }
        return best;
    }

    private static double error(ModelSpec spec, long budget) {
        return Math.abs(spec.trainableParams() - budget) / (double) budget;
    }

    private static long count(Architecture arch, List<Integer> groups, int melBands, int frames, int tags) {
        return spec(arch, groups, melBands, frames, tags).trainableParams();
    }

    private static ModelSpec spec(Architecture arch, List<Integer> groups, int melBands, int frames, int tags) {
        int[] groupWidths = groups.stream().mapToInt(Integer::intValue).toArray();
        return arch.spec(melBands, frames, tags, arch.layerWidths(groupWidths));
    }

    private static List<Integer> rounded(double[] ratios, double scale) {
        return Arrays.stream(ratios).mapToObj(r -> (int) Math.max(1, Math.round(r * scale))).toList();
    }
}
