package org.tagbench.audio.perturb;

/**
 * A change made to a clip's waveform to test (or train) a tagger's robustness: mono float PCM in, a new array out;
 * the input is never written.
 */
public interface Perturbation {
    /** The perturbed copy of {@code samples}, mono PCM at {@code sampleRate} Hz. */
    float[] apply(float[] samples, int sampleRate);
}
