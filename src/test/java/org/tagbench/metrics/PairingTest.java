package org.tagbench.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What pairs runs and what refuses to: the same seeded resamples, the same labels. */
class PairingTest {
    private static final int TRACKS = 400;
    private static final int TAGS = 3;

    @Test
    void aSeedGivesTheSameResamplesAndAnotherSeedOthers() {
        RankedTags run = run(1, labels(2));
        double[] first = BootstrapMacros.of(run, Resamples.draw(TRACKS, 20, 7)).rocAuc();
        double[] again = BootstrapMacros.of(run, Resamples.draw(TRACKS, 20, 7)).rocAuc();
        double[] other = BootstrapMacros.of(run, Resamples.draw(TRACKS, 20, 8)).rocAuc();

        assertArrayEquals(first, again);
        assertNotEquals(first[0], other[0]);
    }

    @Test
    void theObservedMacrosAreTagMetricsMacros() {
        boolean[][] labels = labels(2);
        double[][] scores = scores(1, labels);
        BootstrapMacros macros = BootstrapMacros.of(RankedTags.of(scores, labels), Resamples.draw(TRACKS, 8, 1));
        TagMetrics metrics = TagMetrics.of(new org.tagbench.data.TagVocabulary(java.util.List.of("a", "b", "c")),
                scores, labels);

        assertEquals(metrics.rocAucMacro(), macros.observedRocAuc(), 1e-12);
        assertEquals(metrics.prAucMacro(), macros.observedPrAuc(), 1e-12);
    }

    @Test
    void runsResampledApartOrLabelledDifferentlyAreNotPaired() {
        boolean[][] labels = labels(2);
        Resamples resamples = Resamples.draw(TRACKS, 8, 1);
        BootstrapMacros a = BootstrapMacros.of(run(1, labels), resamples);

        IllegalArgumentException apart = assertThrows(IllegalArgumentException.class, () -> PairedBootstrap.of(a,
                BootstrapMacros.of(run(3, labels), Resamples.draw(TRACKS, 8, 1))));
        IllegalArgumentException relabelled = assertThrows(IllegalArgumentException.class, () -> PairedBootstrap.of(a,
                BootstrapMacros.of(run(3, labels(4)), resamples)));
        IllegalArgumentException deLong = assertThrows(IllegalArgumentException.class, () -> DeLongComparison.of(
                DeLongComponents.of(run(1, labels), 0), DeLongComponents.of(run(1, labels(4)), 0)));

        assertEquals("the two runs were not resampled together: a paired bootstrap needs the same resamples of the"
                + " same labelled tracks", apart.getMessage());
        assertEquals(apart.getMessage(), relabelled.getMessage());
        assertEquals("the two runs' labels differ: DeLong's test pairs runs on the same tracks and labels",
                deLong.getMessage());
    }

    @Test
    void replayedResamplesMustDrawEveryRowOfTheSplit() {
        assertEquals("resample 1 has 2 rows, expected 3", assertThrows(IllegalArgumentException.class,
                () -> Resamples.of(3, new int[][] {{0, 1, 2}, {0, 1}})).getMessage());
        assertEquals("resample 0 draws row 3, expected 0 to 2", assertThrows(IllegalArgumentException.class,
                () -> Resamples.of(3, new int[][] {{0, 1, 3}})).getMessage());
    }

    @Test
    void holmRefusesWhatIsNotAProbability() {
        assertEquals("p-value 1 is 1.5, expected 0 to 1 or NaN", assertThrows(IllegalArgumentException.class,
                () -> HolmCorrection.adjust(0.2, 1.5)).getMessage());
    }

    private static RankedTags run(long seed, boolean[][] labels) {
        return RankedTags.of(scores(seed, labels), labels);
    }

    private static double[][] scores(long seed, boolean[][] labels) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] scores = new double[TRACKS][TAGS];
        for (int i = 0; i < TRACKS; i++) {
            for (int j = 0; j < TAGS; j++) {
                scores[i][j] = random.nextDouble() + (labels[i][j] ? 0.4 : 0);
            }
        }
        return scores;
    }

    private static boolean[][] labels(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean[][] labels = new boolean[TRACKS][TAGS];
        for (int i = 0; i < TRACKS; i++) {
            for (int j = 0; j < TAGS; j++) {
                labels[i][j] = random.nextInt(4) == 0;
            }
        }
        return labels;
    }
}
