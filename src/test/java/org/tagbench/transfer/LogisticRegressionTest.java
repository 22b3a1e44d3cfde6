package org.tagbench.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The logistic probe against scikit-learn (scripts/probe_logistic_golden.py): the standardised rows, and per tag and
 * L2 strength the weights, intercept and probabilities of LogisticRegression(C = 1 / l2), a separable tag included.
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
