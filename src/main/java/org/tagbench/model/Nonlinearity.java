package org.tagbench.model;

import java.util.Locale;

/**
 * The activation after a block's batch norm: ELU in Choi et al. 2017's networks, ReLU in the sota-music-tagging-models
 * networks (FCN, short-chunk CNN).
 */
public enum Nonlinearity {
    /** exp(x) - 1 below zero (alpha 1), x above. */
    ELU,
    /** max(0, x). */
    RELU;

    /** The lower-case name model summaries print, e.g. {@code relu}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
