package org.tagbench.audio.perturb;

import java.util.Arrays;

/**
 * Raises (or lowers) a clip's pitch by {@code semitones} keeping its length, as {@code librosa.effects.pitch_shift}:
 * time-stretch by 2^(-semitones/12) with the phase vocoder, then resample back to the original duration, which
 * scales every frequency by 2^(semitones/12).
 */
public record PitchShift(double semitones) implements Perturbation {
    /** The frequency factor of this shift, 2^(semitones / 12). */
    public double factor() {
        return Math.pow(2.0, semitones / 12.0);
    }

    @Override
    public float[] apply(float[] samples, int sampleRate) {
        double rate = 1.0 / factor();
        float[] stretched = new TimeStretch(rate).apply(samples, sampleRate);
        // Read at sampleRate / rate and written at sampleRate: the ratio is rate.
        return Arrays.copyOf(Resampler.resample(stretched, rate), samples.length);
    }
}
