package org.tagbench.transfer;

import java.util.ArrayList;
import java.util.List;
import org.tagbench.config.ProbeKind;
import org.tagbench.config.ProbeSettings;
import org.tagbench.config.TaskName;
import org.tagbench.data.TagVocabulary;
import org.tagbench.metrics.ClassMetrics;
import org.tagbench.metrics.LabelRanking;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.metrics.TrackScores;

/**
 * A probe fitted as the config says: the embeddings standardised by the training split's column means and standard
 * deviations, the probe fitted on the training split at each L2 strength of the grid, the strength with the best
 * validation macro ROC-AUC kept (the first of equals, in grid order), and its fit scored on validation and test. A
 * multiclass probe keeps the strength with the best validation accuracy instead, equal accuracies told apart by macro
 * ROC-AUC and then grid order: its predictions are argmaxes, and a strength that ranks well can still shrink every
 * track towards the most frequent class (as scikit-learn's LogisticRegressionCV, it selects on accuracy).
 *
 * @param l2 the chosen strength
 * @param validRocAuc the validation macro ROC-AUC at each strength of the grid, in grid order
 * @param validAccuracy a multiclass probe's validation accuracy at each strength, in grid order; empty for tags
 * @param valid the chosen fit's validation scores
 * @param test the chosen fit's test scores
 * @param testMetrics the test metrics, as a run's
 * @param testRanking a multilabel probe's test LRAP and lwlrap, as a run's; null for a multiclass one
 * @param testClasses a multiclass probe's test accuracy, balanced accuracy, macro F1 and confusion matrix, as a run's;
 *                    null for a multilabel one
 */
public record ProbeFitting(double l2, List<Double> validRocAuc, List<Double> validAccuracy, TrackScores valid,
                           TrackScores test, TagMetrics testMetrics, LabelRanking testRanking,
                           ClassMetrics testClasses) {

    /**
     * Fits {@code settings}' probe (seeded by {@code seed}) for {@code task} on {@code train}, chooses on
     * {@code valid}: one-vs-rest sigmoids for tags, a softmax for classes.
     */
    static ProbeFitting fit(ProbeSettings settings, long seed, TaskName task, TagVocabulary vocabulary,
                            SplitEmbeddings train, SplitEmbeddings valid, SplitEmbeddings test) {
        boolean classes = task == TaskName.MULTICLASS;
        double[] mean = train.mean();
        double[] scale = train.scale(mean);
        SplitEmbeddings z = train.standardised(mean, scale);
        SplitEmbeddings zValid = valid.standardised(mean, scale);
        SplitEmbeddings zTest = test.standardised(mean, scale);
        List<Double> aucs = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        FittedProbe best = null;
        double bestAuc = Double.NEGATIVE_INFINITY;
        double bestAccuracy = Double.NEGATIVE_INFINITY;
        double bestL2 = Double.NaN;
        for (double l2 : settings.l2()) {
            FittedProbe probe = settings.kind() == ProbeKind.MLP
                    ? MlpProbe.fit(z.x(), z.labels(), l2, settings.hidden(), settings.epochs(), settings.lr(), seed,
                            classes)
                    : classes ? SoftmaxProbe.fit(z.x(), z.labels(), l2) : LogisticProbe.fit(z.x(), z.labels(), l2);
            double[][] scores = probe.scores(zValid.x());
            double auc = TagMetrics.of(vocabulary, scores, zValid.labels()).rocAucMacro();
            double accuracy = classes ? ClassMetrics.of(vocabulary, scores, zValid.labels()).accuracy() : 0;
            aucs.add(auc);
            if (classes) {
                accuracies.add(accuracy);
            }
            if (best == null || accuracy > bestAccuracy || accuracy == bestAccuracy && auc > bestAuc) {
                best = probe;
                bestAuc = auc;
                bestAccuracy = accuracy;
                bestL2 = l2;
            }
        }
        TrackScores validScores = new TrackScores(zValid.ids(), best.scores(zValid.x()), zValid.labels());
        TrackScores testScores = new TrackScores(zTest.ids(), best.scores(zTest.x()), zTest.labels());
        return new ProbeFitting(bestL2, List.copyOf(aucs), List.copyOf(accuracies), validScores, testScores,
                TagMetrics.of(vocabulary, testScores.scores(), testScores.labels()),
                classes ? null : LabelRanking.of(testScores.scores(), testScores.labels()),
                classes ? ClassMetrics.of(vocabulary, testScores.scores(), testScores.labels()) : null);
    }
}
