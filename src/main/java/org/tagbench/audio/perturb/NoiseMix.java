package org.tagbench.audio.perturb;

/** Adds noise to a clip scaled to a signal-to-noise ratio over the whole clip, the definition Won et al. use. */
final class NoiseMix {
    private NoiseMix() {
    }

    /**
     * {@code samples + g * noise} with g chosen so that 10 log10(sum x^2 / sum (g n)^2) = {@code snrDb}; a silent
     * clip has no level to set the noise against and comes back unchanged.
     */
    static float[] atSnr(float[] samples, double[] noise, double snrDb) {
        double signalEnergy = 0;
        double noiseEnergy = 0;
        for (int i = 0; i < samples.length; i++) {
            signalEnergy += (double) samples[i] * samples[i];
            noiseEnergy += noise[i] * noise[i];
        }
        double scale = signalEnergy == 0 || noiseEnergy == 0 ? 0
                : Math.sqrt(signalEnergy / (noiseEnergy * Math.pow(10.0, snrDb / 10.0)));
        float[] out = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (float) (samples[i] + scale * noise[i]);
        }
        return out;
    }
}
