package org.tagbench.transfer;

import java.util.stream.IntStream;

/**
 * The multiclass logistic probe: one {@link SoftmaxRegression} over the classes the training split holds. A class
 * with no training track has no finite fit (its intercept would run off to minus infinity), so, as scikit-learn
 * fits only the classes it is shown, it is left out of the softmax and scores 0 on every track.
 *
 * @param fit the softmax over the present classes
 * @param present the vocabulary index of each of the fit's classes, ascending
 * @param classCount the vocabulary's size
 */
record SoftmaxProbe(SoftmaxRegression fit, int[] present, int classCount) implements FittedProbe {

    /** The fit of {@code labels[track][class]} (one class per track) on {@code x} with strength {@code l2}. */
    static SoftmaxProbe fit(double[][] x, boolean[][] labels, double l2) {
        int classCount = labels[0].length;
        int[] present = IntStream.range(0, classCount)
                .filter(c -> IntStream.range(0, labels.length).anyMatch(i -> labels[i][c])).toArray();
        int[] position = new int[classCount];
        for (int j = 0; j < present.length; j++) {
            position[present[j]] = j;
        }
        int[] classes = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            classes[i] = position[classOf(labels[i])];
        }
        return new SoftmaxProbe(SoftmaxRegression.fit(x, classes, present.length, l2), present, classCount);
    }

    /** The index of the one true entry of a track's labels (a multiclass dataset has exactly one per track). */
    private static int classOf(boolean[] labels) {
        return IntStream.range(0, labels.length).filter(c -> labels[c]).findFirst().orElseThrow();
    }

    @Override
    public double[][] scores(double[][] x) {
        double[][] p = fit.probabilities(x);
        double[][] scores = new double[x.length][classCount];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < present.length; j++) {
                scores[i][present[j]] = p[i][j];
            }
        }
        return scores;
    }
}
