package org.tagbench.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The ranking against the JDK's stable sort of boxed rows by decreasing score, on awkward scores. */
class RankedTagsTest {

    @Test
    void ranksAsAStableSortByDecreasingScoreWithTiesGrouped() {
        SplittableRandom random = new SplittableRandom(3);
        int tracks = 5_000;
        double[][] scores = new double[tracks][4];
        boolean[][] labels = new boolean[tracks][4];
        double[] awkward = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, Math.nextDown(1.0)};
        for (int i = 0; i < tracks; i++) {
            scores[i][0] = random.nextDouble();
            scores[i][1] = random.nextGaussian() * 1e6;
            scores[i][2] = Math.round(random.nextDouble() * 20) / 20.0;
            scores[i][3] = awkward[random.nextInt(awkward.length)];
            for (int j = 0; j < 4; j++) {
                labels[i][j] = random.nextInt(7) == 0;
            }
        }
        RankedTags ranked = RankedTags.of(scores, labels);
        for (int j = 0; j < 4; j++) {
            int tag = j;
            // + 0.0: -0.0 and 0.0 tie, as they do for == and in scikit-learn.
            Integer[] expected = IntStream.range(0, tracks).boxed().sorted(Comparator.comparingDouble(
                    (Integer i) -> scores[i][tag] + 0.0).reversed()).toArray(Integer[]::new);
            int[] walk = ranked.walk(tag);
            int[] rows = Arrays.stream(walk).map(e -> e & RankedTags.TRACK).toArray();
            assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), rows, "tag " + tag);
            for (int k = 0; k < tracks; k++) {
                boolean closes = k == tracks - 1 || scores[rows[k]][tag] + 0.0 != scores[rows[k + 1]][tag] + 0.0;
                assertEquals(closes, (walk[k] & RankedTags.LAST_OF_TIES) != 0, "tag " + tag + ", entry " + k);
                assertEquals(labels[rows[k]][tag], walk[k] < 0, "tag " + tag + ", entry " + k);
            }
            int end = ranked.positivesEnd(tag);
            assertEquals(IntStream.range(0, tracks).filter(k -> (walk[k] & RankedTags.WITH_POSITIVE) != 0).max()
                    .orElse(-1) + 1, end, "tag " + tag);
        }
    }
}
