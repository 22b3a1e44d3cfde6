package org.tagbench.metrics;

import java.util.ArrayList;
import java.util.List;
import org.tagbench.data.TagVocabulary;

/**
 * Single-label (multiclass) metrics of one split, each track predicted as its highest-scoring class (the first on a
 * tie, as NumPy's argmax): accuracy; balanced accuracy, the mean recall over the classes the split holds
 * (scikit-learn's {@code balanced_accuracy_score}); macro F1 over those same classes (scikit-learn's {@code f1_score}
 * with {@code labels} the present classes, average macro); and the confusion matrix, rows the true class and columns
 * the predicted one, every class in vocabulary order. A class with no track in the split is listed in
 * {@code absentClasses} and left out of both macro means.
 */
public record ClassMetrics(List<String> classes, long[][] confusion, double accuracy, double balancedAccuracy,
                           double macroF1, List<String> absentClasses, int tracks) {
    public ClassMetrics {
        classes = List.copyOf(classes);
        absentClasses = List.copyOf(absentClasses);
        confusion = copy(confusion);
    }

    /**
     * Scores {@code scores[track][class]} against {@code labels[track][class]}, classes in vocabulary order; each
     * track must have exactly one class (a multiclass dataset's readers check it).
     */
    public static ClassMetrics of(TagVocabulary vocabulary, double[][] scores, boolean[][] labels) {
        int n = vocabulary.size();
        long[][] confusion = new long[n][n];
        long correct = 0;
        for (int i = 0; i < scores.length; i++) {
            int truth = onlyClass(labels[i], i);
            int predicted = argmax(scores[i]);
            confusion[truth][predicted]++;
            correct += truth == predicted ? 1 : 0;
        }
        List<String> absent = new ArrayList<>();
        double recallSum = 0;
        double f1Sum = 0;
        int present = 0;
        for (int c = 0; c < n; c++) {
            long support = 0;
            long predicted = 0;
            for (int k = 0; k < n; k++) {
                support += confusion[c][k];
                predicted += confusion[k][c];
            }
            if (support == 0) {
                absent.add(vocabulary.tag(c));
                continue;
            }
            long truePositives = confusion[c][c];
            present++;
            recallSum += truePositives / (double) support;
            // 2 TP / (2 TP + FP + FN), which is 0 (scikit-learn's zero_division) for a class never predicted right.
            f1Sum += 2.0 * truePositives / (support + predicted);
        }
        return new ClassMetrics(vocabulary.tags(), confusion, correct / (double) scores.length, recallSum / present,
                f1Sum / present, absent, scores.length);
    }

    /** A copy of the confusion matrix, [true class][predicted class]. */
    @Override
    public long[][] confusion() {
        return copy(confusion);
    }

    /** The index of the one true entry of {@code row}, the labels of track {@code track}. */
    private static int onlyClass(boolean[] row, int track) {
        int found = -1;
        for (int c = 0; c < row.length; c++) {
            if (row[c]) {
                if (found >= 0) {
                    throw new IllegalArgumentException("track " + track + " has more than one class");
                }
                found = c;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("track " + track + " has no class");
        }
        return found;
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    private static long[][] copy(long[][] matrix) {
        long[][] out = new long[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            out[i] = matrix[i].clone();
        }
        return out;
    }
}
