package org.tagbench.audio.perturb;

/**
 * A level change of {@code db} decibels (amplitude factor 10^(db/20)), clipped to full scale [-1, 1] as a 16-bit
 * file (and sox's {@code gain}) would clip it: a boost that overdrives a loud clip distorts it, as in the wild.
 */
public record Gain(double db) implements Perturbation {
    /** The amplitude factor of this gain. */
    public double factor() {
        return Math.pow(10.0, db / 20.0);
    }

    @Override
    public float[] apply(float[] samples, int sampleRate) {
        double factor = factor();
        float[] out = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (float) Math.max(-1.0, Math.min(1.0, samples[i] * factor));
        }
        return out;
    }
}
