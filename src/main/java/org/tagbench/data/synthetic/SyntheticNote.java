package org.tagbench.data.synthetic;

/**
 * One note or hit of a synthetic part: it starts at {@code start} seconds into the clip, sounds for
 * {@code duration} seconds (then it is silent until the next one), at {@code frequency} Hz (0 for unpitched
 * sounds) and with {@code velocity} as amplitude factor.
 */
record SyntheticNote(double start, double duration, double frequency, double velocity) {
    /** Every note ends with a fade this long, so that none stops with a click. */
    private static final double RELEASE_SECONDS = 0.01;

    /** Index of the first sample of the note at {@code sampleRate}. */
    int firstSample(int sampleRate) {
        return (int) Math.round(start * sampleRate);
    }

    /** Number of samples the note sounds at {@code sampleRate}, cut at {@code clipSamples}. */
    int samples(int sampleRate, int clipSamples) {
        return Math.max(0, Math.min((int) Math.round(duration * sampleRate), clipSamples - firstSample(sampleRate)));
    }

    /** Gain of the closing fade {@code t} seconds into the note: 1, then a half cosine to 0 over the last 10 ms. */
    double release(double t) {
        double left = duration - t;
        if (left >= RELEASE_SECONDS) {
            return 1;
        }
        return left <= 0 ? 0 : 0.5 - 0.5 * StrictMath.cos(Math.PI * left / RELEASE_SECONDS);
    }

    /** Adds {@code sound}, the note's samples from its start, to {@code out} scaled by velocity and closing fade. */
    void addTo(double[] out, double[] sound, int sampleRate) {
        int first = firstSample(sampleRate);
        for (int i = 0; i < sound.length; i++) {
            out[first + i] += velocity * release((double) i / sampleRate) * sound[i];
        }
    }
}
