package org.tagbench.data.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tagbench.config.MaskFill;
import org.tagbench.config.SpecAugmentConfig;

/**
 * SpecAugment's masks: exactly the drawn bands and frames are filled (with zero or the clip's mean), everything else
 * is left bit for bit; widths and starts stay inside Park et al.'s bounds and the spectrogram; the same seed draws
 * the same masks.
 */
class SpecAugmentTest {
    private static final int BINS = 12;
    private static final int FRAMES = 30;

    @Test
    void aZeroFillZeroesExactlyTheDrawnBandsAndFrames() {
        SpecAugment masks = new SpecAugment(new SpecAugmentConfig(2, 6, 2, 4, MaskFill.ZERO), BINS);
        float[] logMel = spectrogram(1);
        for (long seed = 0; seed < 50; seed++) {
            SpecAugment.Masks drawn = masks.draw(FRAMES, new SplittableRandom(seed));
            float[] out = masks.masked(logMel, drawn);

            Set<Integer> bins = covered(drawn.bands());
            Set<Integer> frames = covered(drawn.runs());
            for (int m = 0; m < BINS; m++) {
                for (int t = 0; t < FRAMES; t++) {
                    float want = bins.contains(m) || frames.contains(t) ? 0f : logMel[m * FRAMES + t];
                    assertEquals(want, out[m * FRAMES + t], "bin " + m + ", frame " + t + ", seed " + seed);
                }
            }
        }
    }

    @Test
    void aMeanFillWritesTheClipsMeanLogMelIntoTheMasks() {
        SpecAugment masks = new SpecAugment(new SpecAugmentConfig(1, 10, 1, 5, MaskFill.MEAN), BINS);
        float[] logMel = spectrogram(2);
        double sum = 0;
        for (float v : logMel) {
            sum += v;
        }
        float mean = (float) (sum / logMel.length);
        SpecAugment.Masks drawn = new SpecAugment.Masks(List.of(new SpecAugment.Span(3, 2)),
                List.of(new SpecAugment.Span(7, 4)));

        float[] out = masks.masked(logMel, drawn);

        for (int m = 0; m < BINS; m++) {
            for (int t = 0; t < FRAMES; t++) {
                boolean masked = m == 3 || m == 4 || t >= 7 && t < 11;
                assertEquals(masked ? mean : logMel[m * FRAMES + t], out[m * FRAMES + t], "bin " + m + ", frame " + t);
            }
        }
        assertEquals(-37.5f, mean, 5f, "the mean of a log-mel in dB, not zero");
    }

    @Test
    void drawsStayWithinTheirBoundsAndReachThem() {
        // F larger than the bins: a band is at most the whole spectrogram.
        SpecAugment masks = new SpecAugment(new SpecAugmentConfig(3, 5, 2, 20, MaskFill.ZERO), BINS);
        Set<Integer> timeWidths = new HashSet<>();
        Set<Integer> bandWidths = new HashSet<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int k = 0; k < 2000; k++) {
            SpecAugment.Masks drawn = masks.draw(FRAMES, random);
            assertEquals(2, drawn.bands().size());
            assertEquals(3, drawn.runs().size());
            for (SpecAugment.Span band : drawn.bands()) {
                assertTrue(band.start() >= 0 && band.end() <= BINS, band.toString());
                bandWidths.add(band.width());
            }
            for (SpecAugment.Span run : drawn.runs()) {
                assertTrue(run.start() >= 0 && run.end() <= FRAMES, run.toString());
                timeWidths.add(run.width());
            }
        }
        assertEquals(Set.of(0, 1, 2, 3, 4, 5), timeWidths, "t uniform on 0..T");
        assertEquals(BINS + 1, bandWidths.size(), "f uniform on 0..min(F, bins)");
    }

    @Test
    void theSameSeedDrawsTheSameMasksAndAnotherSeedOthers() {
        SpecAugment masks = new SpecAugment(new SpecAugmentConfig(2, 10, 2, 6, MaskFill.MEAN), BINS);

        assertEquals(masks.draw(FRAMES, new SplittableRandom(7)), masks.draw(FRAMES, new SplittableRandom(7)));
        assertNotEquals(masks.draw(FRAMES, new SplittableRandom(7)), masks.draw(FRAMES, new SplittableRandom(8)));
    }

    /** A log-mel-like spectrogram in dB, no two values alike. */
    private static float[] spectrogram(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[BINS * FRAMES];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (-80 + 85 * random.nextDouble());
        }
        return values;
    }

    private static Set<Integer> covered(List<SpecAugment.Span> spans) {
        Set<Integer> covered = new HashSet<>();
        for (SpecAugment.Span span : spans) {
            for (int i = span.start(); i < span.end(); i++) {
                covered.add(i);
            }
        }
        return covered;
    }
}
