package org.tagbench.config;

/** How mel filters are normalised ({@code features.norm}). */
public enum MelNorm {
    /** Each filter divided by its bandwidth, so the filters have equal area (librosa's default). */
    SLANEY,
    /** Triangles of peak height 1. */
    NONE
}
