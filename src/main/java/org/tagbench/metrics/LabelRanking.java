package org.tagbench.metrics;

/**
 * Label-ranking average precision over tracks: for each track, how well its scores rank its tags above the others.
 * {@code lrap} is scikit-learn's {@code label_ranking_average_precision_score}: per track the mean over its tags j of
 * (its tags scoring at least j's) / (all tags scoring at least j's), ties counted against it; a track with no tag or
 * every tag scores 1; the mean over tracks. {@code lwlrap} is the label-weighted LRAP of the Freesound Audio Tagging
 * 2019 challenge: the same precision averaged over every (track, tag) pair, so each label counts once and a track
 * with no tag counts for nothing (scikit-learn's LRAP weighted by the number of tags per track); NaN when no track
 * has a tag.
 */
public record LabelRanking(double lrap, double lwlrap) {

    /** Ranks {@code scores[track][tag]} against {@code labels[track][tag]}; needs at least one track. */
    public static LabelRanking of(double[][] scores, boolean[][] labels) {
        double trackSum = 0;
        double labelSum = 0;
        long labelCount = 0;
        for (int i = 0; i < scores.length; i++) {
            double[] s = scores[i];
            boolean[] truth = labels[i];
            int relevant = 0;
            double precisionSum = 0;
            for (int j = 0; j < s.length; j++) {
                if (!truth[j]) {
                    continue;
                }
                relevant++;
                int above = 0;
                int relevantAbove = 0;
                for (int k = 0; k < s.length; k++) {
                    if (s[k] >= s[j]) {
                        above++;
                        relevantAbove += truth[k] ? 1 : 0;
                    }
                }
                precisionSum += relevantAbove / (double) above;
            }
            labelSum += precisionSum;
            labelCount += relevant;
            trackSum += relevant == 0 || relevant == s.length ? 1 : precisionSum / relevant;
        }
        return new LabelRanking(trackSum / scores.length, labelCount == 0 ? Double.NaN : labelSum / labelCount);
    }
}
