package org.tagbench.config;

/** How mel energies are compressed ({@code features.scale}). */
public enum AmplitudeScale {
    /** Decibels, as librosa.power_to_db with {@code ref}, {@code amin} and {@code top_db}. */
    DB,
    /** log10(1 + C·x) with C = {@code log1p_c}. */
    LOG1P,
    /** The mel energies unchanged. */
    LINEAR
}
