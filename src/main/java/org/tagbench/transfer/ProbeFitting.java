package org.tagbench.transfer;

import java.util.ArrayList;
import java.util.List;
import org.tagbench.config.ProbeKind;
import org.tagbench.config.ProbeSettings;
import org.tagbench.data.TagVocabulary;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.metrics.TrackScores;

/**
 * A probe fitted as the config says: the embeddings standardised by the training split's column means and standard
 * deviations, the probe fitted on the training split at each L2 strength of the grid, the strength with the best
 * validation macro ROC-AUC kept (the first of equals, in grid order), and its fit scored on validation and test.
 *
 * @param l2 the chosen strength
 * @param validRocAuc the validation macro ROC-AUC at each strength of the grid, in grid order
 * @param valid the chosen fit's validation scores
 * @param test the chosen fit's test scores
 * @param testMetrics the test metrics, as a run's
 */
public record ProbeFitting(double l2, List<Double> validRocAuc, TrackScores valid, TrackScores test,
                          TagMetrics testMetrics) {

    /** Fits {@code settings}' probe (seeded by {@code seed}) on {@code train}, chooses on {@code valid}. */
    static ProbeFitting fit(ProbeSettings settings, long seed, TagVocabulary vocabulary, SplitEmbeddings train,
                            SplitEmbeddings valid, SplitEmbeddings test) {
        double[] mean = train.mean();
        double[] scale = train.scale(mean);
        SplitEmbeddings z = train.standardised(mean, scale);
        SplitEmbeddings zValid = valid.standardised(mean, scale);
        SplitEmbeddings zTest = test.standardised(mean, scale);
        List<Double> aucs = new ArrayList<>();
        FittedProbe best = null;
        double bestAuc = Double.NEGATIVE_INFINITY;
        double bestL2 = Double.NaN;
        for (double l2 : settings.l2()) {
            FittedProbe probe = settings.kind() == ProbeKind.LOGISTIC ? LogisticProbe.fit(z.x(), z.labels(), l2)
                    : MlpProbe.fit(z.x(), z.labels(), l2, settings.hidden(), settings.epochs(), settings.lr(), seed);
            double auc = TagMetrics.of(vocabulary, probe.scores(zValid.x()), zValid.labels()).rocAucMacro();
            aucs.add(auc);
            if (best == null || auc > bestAuc) {
                best = probe;
                bestAuc = auc;
                bestL2 = l2;
            }
        }
        TrackScores validScores = new TrackScores(zValid.ids(), best.scores(zValid.x()), zValid.labels());
        TrackScores testScores = new TrackScores(zTest.ids(), best.scores(zTest.x()), zTest.labels());
        return new ProbeFitting(bestL2, List.copyOf(aucs), validScores, testScores,
                TagMetrics.of(vocabulary, testScores.scores(), testScores.labels()));
    }
}
