package org.tagbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Assertions on score matrices, rows of tracks by columns of tags, as the score files and predict hold them. */
public final class ScoreAssertions {
    private ScoreAssertions() {
    }

    /** Fails unless {@code actual} has {@code expected}'s shape and every value within {@code tolerance} of it. */
    public static void assertScores(double[][] expected, double[][] actual, double tolerance) {
        assertEquals(expected.length, actual.length, "rows");
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t].length, actual[t].length, "columns of row " + t);
            for (int j = 0; j < expected[t].length; j++) {
                assertEquals(expected[t][j], actual[t][j], tolerance, "row " + t + ", column " + j);
            }
        }
    }
}
