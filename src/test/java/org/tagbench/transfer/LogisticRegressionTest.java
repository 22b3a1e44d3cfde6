package org.tagbench.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The logistic probe against scikit-learn (scripts/probe_logistic_golden.py): the standardised rows, and per tag and
 * L2 strength the weights, intercept and probabilities of LogisticRegression(C = 1 / l2), a separable tag included;
 * the softmax probe's weights, centred intercepts and probabilities against the multinomial LogisticRegression.
 */
class LogisticRegressionTest {
    private static JsonNode golden;
    private static double[][] x;
    private static double[][] standardised;
    private static boolean[][] labels;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = LogisticRegressionTest.class.getResourceAsStream("/transfer/logistic-golden.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        x = matrix(golden.get("x"));
        standardised = matrix(golden.get("standardised"));
        JsonNode rows = golden.get("labels");
        labels = new boolean[rows.size()][rows.get(0).size()];
        for (int i = 0; i < labels.length; i++) {
            for (int t = 0; t < labels[i].length; t++) {
                labels[i][t] = rows.get(i).get(t).asInt() == 1;
            }
        }
    }

    @Test
    void standardisingUsesTheTrainingColumnsMeansAndPopulationDeviations() {
        SplitEmbeddings train = new SplitEmbeddings(List.of(), x, labels);
        double[] mean = train.mean();

        double[][] z = train.standardised(mean, train.scale(mean)).x();

        for (int i = 0; i < z.length; i++) {
            for (int a = 0; a < z[i].length; a++) {
                assertEquals(standardised[i][a], z[i][a], 1e-12);
            }
        }
    }

    @Test
    void eachTagsFitIsScikitLearnsAtEveryStrength() {
        for (JsonNode fit : golden.get("fits")) {
            int tag = fit.get("tag").asInt();
            double l2 = fit.get("l2").asDouble();
            boolean[] column = new boolean[labels.length];
            for (int i = 0; i < column.length; i++) {
                column[i] = labels[i][tag];
            }

            LogisticRegression ours = LogisticRegression.fit(standardised, column, l2);

            String where = "tag " + tag + ", l2 " + l2;
            for (int a = 0; a < ours.weights().length; a++) {
                assertEquals(fit.get("weights").get(a).asDouble(), ours.weights()[a], 1e-6, where);
            }
            assertEquals(fit.get("intercept").asDouble(), ours.intercept(), 1e-6, where);
            double[] p = ours.probabilities(standardised);
            for (int i = 0; i < p.length; i++) {
                assertEquals(fit.get("probabilities").get(i).asDouble(), p[i], 1e-8, where);
            }
            assertTrue(ours.iterations() < 50, where + ": " + ours.iterations() + " Newton steps");
        }
    }

    @Test
    void theOneVsRestProbeScoresEachTagWithItsOwnFit() {
        LogisticProbe probe = LogisticProbe.fit(standardised, labels, 1.0);

        double[][] scores = probe.scores(standardised);

        for (JsonNode fit : golden.get("fits")) {
            if (fit.get("l2").asDouble() == 1.0) {
                int tag = fit.get("tag").asInt();
                for (int i = 0; i < scores.length; i++) {
                    assertEquals(fit.get("probabilities").get(i).asDouble(), scores[i][tag], 1e-8);
                }
            }
        }
    }

    @Test
    void theSoftmaxFitIsScikitLearnsMultinomialAtEveryStrength() {
        int[] classes = classes();
        for (JsonNode fit : golden.get("multiclass").get("fits")) {
            double l2 = fit.get("l2").asDouble();

            SoftmaxRegression ours = SoftmaxRegression.fit(standardised, classes, 4, l2);

            String where = "l2 " + l2;
            double[][] weights = matrix(fit.get("weights"));
            for (int k = 0; k < 4; k++) {
                for (int a = 0; a < weights[k].length; a++) {
                    assertEquals(weights[k][a], ours.weights()[k][a], 1e-6, where + ", class " + k);
                }
                assertEquals(fit.get("intercepts").get(k).asDouble(), ours.intercepts()[k], 1e-6, where);
            }
            double[][] expected = matrix(fit.get("probabilities"));
            double[][] p = ours.probabilities(standardised);
            for (int i = 0; i < p.length; i++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(expected[i][k], p[i][k], 1e-8, where);
                }
            }
            assertTrue(ours.iterations() < 50, where + ": " + ours.iterations() + " Newton steps");
        }
    }

    @Test
    void aClassAbsentFromTrainingScoresZeroAndTheOthersAreTheirOwnSoftmax() {
        int[] classes = classes();
        // The golden's classes 0, 1 and 3 become columns 0, 2 and 3 of a five-class vocabulary: 1 and 4 absent.
        int[] column = {0, 2, 1, 3};
        boolean[][] labels = new boolean[classes.length][5];
        int[] kept = new int[classes.length];
        List<double[]> rows = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] != 2) {
                labels[n][column[classes[i]]] = true;
                kept[n] = classes[i] == 3 ? 2 : classes[i];
                rows.add(standardised[i]);
                n++;
            }
        }
        double[][] x = rows.toArray(double[][]::new);
        boolean[][] present = Arrays.copyOf(labels, n);

        double[][] scores = SoftmaxProbe.fit(x, present, 1.0).scores(x);

        double[][] alone = SoftmaxRegression.fit(x, Arrays.copyOf(kept, n), 3, 1.0).probabilities(x);
        for (int i = 0; i < n; i++) {
            assertEquals(0, scores[i][1]);
            assertEquals(0, scores[i][4]);
            assertEquals(alone[i][0], scores[i][0], 1e-15);
            assertEquals(alone[i][1], scores[i][2], 1e-15);
            assertEquals(alone[i][2], scores[i][3], 1e-15);
        }
    }

    @Test
    void theSoftmaxMlpsOutputsArePerTrackDistributionsThatLearnTheClasses() {
        int[] classes = classes();
        boolean[][] labels = new boolean[classes.length][4];
        for (int i = 0; i < classes.length; i++) {
            labels[i][classes[i]] = true;
        }

        double[][] p = MlpProbe.fit(standardised, labels, 0.1, 16, 300, 0.01, 3, true).scores(standardised);

        int right = 0;
        for (int i = 0; i < p.length; i++) {
            assertEquals(1, Arrays.stream(p[i]).sum(), 1e-12);
            int best = 0;
            for (int k = 1; k < 4; k++) {
                best = p[i][k] > p[i][best] ? k : best;
            }
            right += best == classes[i] ? 1 : 0;
        }
        // Its training accuracy beats the linear softmax's at the same strength (a hidden layer fits more).
        double[][] linear = SoftmaxRegression.fit(standardised, classes, 4, 0.1).probabilities(standardised);
        int linearRight = 0;
        for (int i = 0; i < linear.length; i++) {
            int best = 0;
            for (int k = 1; k < 4; k++) {
                best = linear[i][k] > linear[i][best] ? k : best;
            }
            linearRight += best == classes[i] ? 1 : 0;
        }
        assertTrue(right > linearRight, "mlp " + right + ", linear " + linearRight + " of " + p.length);
    }

    private static int[] classes() {
        JsonNode node = golden.get("multiclass").get("classes");
        int[] classes = new int[node.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = node.get(i).asInt();
        }
        return classes;
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][rows.get(0).size()];
        for (int i = 0; i < m.length; i++) {
            for (int a = 0; a < m[i].length; a++) {
                m[i][a] = rows.get(i).get(a).asDouble();
            }
        }
        return m;
    }
}
