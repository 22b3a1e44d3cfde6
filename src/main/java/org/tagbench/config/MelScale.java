package org.tagbench.config;

/** The Hz-to-mel formula ({@code features.mel_scale}). */
public enum MelScale {
    /** Slaney's Auditory Toolbox: linear below 1 kHz, logarithmic above (librosa's default). */
    SLANEY,
    /** HTK: 2595 log10(1 + f/700). */
    HTK
}
