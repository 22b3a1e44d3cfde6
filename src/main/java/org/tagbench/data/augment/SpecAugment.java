package org.tagbench.data.augment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.tagbench.config.MaskFill;
import org.tagbench.config.SpecAugmentConfig;

/**
 * SpecAugment's frequency and time masks (Park et al. 2019, section 2, without time warping) on one clip's log-mel,
 * [mel bins, frames] row-major: each band's width f is drawn uniformly from 0 to F (at most the bins) and its first
 * bin uniformly from 0 to bins - f, and likewise for each run of frames with T.
 */
final class SpecAugment {
    private final SpecAugmentConfig config;
    private final int melBins;

    /** The masks {@code config} asks for on log-mel spectrograms of {@code melBins} bins. */
    SpecAugment(SpecAugmentConfig config, int melBins) {
        this.config = config;
        this.melBins = melBins;
    }

    /** The mel bins of the spectrograms it masks. */
    int melBins() {
        return melBins;
    }

    /** The masks for a spectrogram of {@code frames} frames, drawn from {@code random}: bands first, then runs. */
    Masks draw(int frames, RandomGenerator random) {
        return new Masks(spans(config.freqMasks(), config.freqWidth(), melBins, random),
                spans(config.timeMasks(), config.timeWidth(), frames, random));
    }

    /** A copy of {@code logMel} with {@code masks} filled as the config says (the clip's mean, or zero). */
    float[] masked(float[] logMel, Masks masks) {
        int frames = logMel.length / melBins;
        float fill = config.fill() == MaskFill.MEAN ? mean(logMel) : 0f;
        float[] out = logMel.clone();
        for (Span band : masks.bands()) {
            for (int m = band.start(); m < band.end(); m++) {
                Arrays.fill(out, m * frames, (m + 1) * frames, fill);
            }
        }
        for (Span run : masks.runs()) {
            for (int m = 0; m < melBins; m++) {
                Arrays.fill(out, m * frames + run.start(), m * frames + run.end(), fill);
            }
        }
        return out;
    }

    private static List<Span> spans(int count, int maxWidth, int size, RandomGenerator random) {
        List<Span> spans = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int width = random.nextInt(Math.min(maxWidth, size) + 1);
            spans.add(new Span(random.nextInt(size - width + 1), width));
        }
        return spans;
    }

    /** The mean in float64, so that it does not depend on the summation's rounding. */
    private static float mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return (float) (sum / values.length);
    }

    /** {@code width} mel bins or frames from {@code start}. */
    record Span(int start, int width) {
        /** One past the last bin or frame. */
        int end() {
            return start + width;
        }
    }

    /** The frequency bands and the runs of frames one clip has masked. */
    record Masks(List<Span> bands, List<Span> runs) {
    }
}
