package org.tagbench.transfer;

import java.util.ArrayList;
import java.util.List;

/**
 * One-vs-rest logistic regression: one {@link LogisticRegression} per tag at one L2 strength. A tag whose training
 * tracks are all of one class has no boundary to fit (its intercept would run off to infinity): it scores every
 * track with its training frequency, so it ranks nothing.
 *
 * @param tags per tag its fit, or null for a tag of one class in training
 * @param priors per tag its frequency in training
 */
record LogisticProbe(List<LogisticRegression> tags, double[] priors) implements FittedProbe {

    /** The fit of every tag of {@code labels[track][tag]} on {@code x} with strength {@code l2}. */
    static LogisticProbe fit(double[][] x, boolean[][] labels, double l2) {
        int tagCount = labels[0].length;
        List<LogisticRegression> fits = new ArrayList<>(tagCount);
        double[] priors = new double[tagCount];
        for (int t = 0; t < tagCount; t++) {
            boolean[] column = new boolean[x.length];
            int positives = 0;
            for (int i = 0; i < x.length; i++) {
                column[i] = labels[i][t];
                positives += column[i] ? 1 : 0;
            }
            priors[t] = positives / (double) x.length;
            fits.add(positives == 0 || positives == x.length ? null : LogisticRegression.fit(x, column, l2));
        }
        return new LogisticProbe(fits, priors);
    }

    @Override
    public double[][] scores(double[][] x) {
        double[][] scores = new double[x.length][tags.size()];
        for (int t = 0; t < tags.size(); t++) {
            double[] p = tags.get(t) == null ? null : tags.get(t).probabilities(x);
            for (int i = 0; i < x.length; i++) {
                scores[i][t] = p == null ? priors[t] : p[i];
            }
        }
        return scores;
    }
}
