package org.tagbench.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tagbench.metrics.BootstrapMacros;
import org.tagbench.metrics.DeLongComparison;
import org.tagbench.metrics.DeLongComponents;
import org.tagbench.metrics.HolmCorrection;
import org.tagbench.metrics.PairedBootstrap;
import org.tagbench.metrics.RankedTags;
import org.tagbench.metrics.Resamples;
import org.tagbench.metrics.TrackScores;

/**
 * Seconds of the significance statistics for one pair of runs on the same tracks, stage by stage: ranking each
 * run's scores, DeLong's test of every tag with Holm's correction, and the paired bootstrap of the macro means.
 */
public record CompareBenchmark(int tracks, int tags, int resamples, int repeats) {

    /** Requires tracks, tags, resamples and repeats. */
    public CompareBenchmark {
        if (tracks < 1 || tags < 1 || resamples < 1 || repeats < 1) {
            throw new IllegalArgumentException("tracks " + tracks + ", tags " + tags + ", resamples " + resamples
                    + ", repeats " + repeats + ": expected 1 or more each");
        }
    }

    /**
     * One untimed pair, then the stages of each timed one, a line each. Run a is the metrics benchmark's scores,
     * run b the same scores plus noise, so the two are correlated as two models of one test set are.
     */
    public void run(PrintWriter out) {
        TrackScores generated = GeneratedScores.of(tracks, tags);
        double[][] a = generated.scores();
        boolean[][] labels = generated.labels();
        double[][] b = new double[tracks][tags];
        SplittableRandom noise = new SplittableRandom(6);
        for (int i = 0; i < tracks; i++) {
            for (int j = 0; j < tags; j++) {
                b[i][j] = a[i][j] + 0.3 * noise.nextDouble();
            }
        }
        pair(generated, b, labels);
        for (int r = 1; r <= repeats; r++) {
            long start = System.nanoTime();
            double[] stages = pair(generated, b, labels);
            double total = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "one pair, %,d tracks x %d tags, %,d resamples, run %d: %.3f s (ranking both runs"
                    + " %.3f s, DeLong + Holm %.3f s, drawing resamples %.3f s, bootstrap both runs %.3f s)%n",
                    tracks, tags, resamples, r, total, stages[0], stages[1], stages[2], stages[3]);
            out.flush();
        }
    }

    /** Seconds of each stage of one pair: ranking, DeLong and Holm, drawing the resamples, the bootstrap. */
    private double[] pair(TrackScores a, double[][] b, boolean[][] labels) {
        long t0 = System.nanoTime();
        RankedTags rankedA = RankedTags.of(a);
        RankedTags rankedB = RankedTags.of(b, labels);
        long t1 = System.nanoTime();
        double[] p = new double[tags];
        for (int j = 0; j < tags; j++) {
            p[j] = DeLongComparison.of(DeLongComponents.of(rankedA, j), DeLongComponents.of(rankedB, j)).p();
        }
        HolmCorrection.adjust(p);
        long t2 = System.nanoTime();
        Resamples drawn = Resamples.draw(tracks, resamples, 16);
        long t3 = System.nanoTime();
        PairedBootstrap.of(BootstrapMacros.of(rankedA, drawn), BootstrapMacros.of(rankedB, drawn));
        long t4 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9};
    }
}
