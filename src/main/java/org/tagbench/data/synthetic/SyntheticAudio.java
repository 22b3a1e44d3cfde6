package org.tagbench.data.synthetic;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A rendered synthetic clip: one stem per voice of its score, already scaled so that the stems add up to the
 * mix, and the mix, normalised to a peak of 0.89 (1 dB below full scale, so that 16-bit files never clip) times
 * the score's level.
 */
record SyntheticAudio(Map<SyntheticVoice, double[]> stems, float[] mix) {
    /** Peak of every mix, 1 dB below full scale. */
    private static final double PEAK = 0.89;

    SyntheticAudio {
        stems = Collections.unmodifiableMap(new EnumMap<>(stems));
    }

    /** Renders {@code score} as {@code samples} samples at {@code sampleRate} Hz. */
    static SyntheticAudio render(SyntheticScore score, int sampleRate, int samples) {
        Map<SyntheticVoice, double[]> stems = new EnumMap<>(SyntheticVoice.class);
        double[] sum = new double[samples];
        for (SyntheticPart part : score.parts()) {
            if (!part.voice().background()) {
                add(stems, part, sum, part.gain(), sampleRate);
            }
        }
        double foreground = Math.sqrt(energy(sum) / samples);
        for (SyntheticPart part : score.parts()) {
            if (part.voice().background()) {
                add(stems, part, sum, part.gain() * foreground, sampleRate);
            }
        }
        double peak = 0;
        for (double v : sum) {
            peak = Math.max(peak, Math.abs(v));
        }
        double scale = score.level() * PEAK / peak;
        float[] mix = new float[samples];
        for (int i = 0; i < samples; i++) {
            mix[i] = (float) (scale * sum[i]);
        }
        stems.values().forEach(stem -> multiply(stem, scale));
        return new SyntheticAudio(stems, mix);
    }

    private static void add(Map<SyntheticVoice, double[]> stems, SyntheticPart part, double[] sum, double gain,
                            int sampleRate) {
        double[] stem = new double[sum.length];
        part.voice().sound().render(part.notes(), new SplittableRandom(part.seed()), stem, sampleRate);
        multiply(stem, gain);
        for (int i = 0; i < sum.length; i++) {
            sum[i] += stem[i];
        }
        stems.put(part.voice(), stem);
    }

    private static void multiply(double[] signal, double factor) {
        for (int i = 0; i < signal.length; i++) {
            signal[i] *= factor;
        }
    }

    private static double energy(double[] signal) {
        double energy = 0;
        for (double v : signal) {
            energy += v * v;
        }
        return energy;
    }
}
