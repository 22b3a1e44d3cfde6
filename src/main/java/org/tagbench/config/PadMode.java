package org.tagbench.config;

/** How a centred STFT pads the signal's ends ({@code features.pad_mode}, as numpy.pad modes). */
public enum PadMode {
    /** Mirror the signal about its first and last samples (librosa's default). */
    REFLECT,
    /** Pad with zeros. */
    CONSTANT
}
