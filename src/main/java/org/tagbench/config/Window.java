package org.tagbench.config;

/** The STFT analysis window ({@code features.window}). */
public enum Window {
    /** librosa's default: the periodic Hann window. */
    HANN
}
