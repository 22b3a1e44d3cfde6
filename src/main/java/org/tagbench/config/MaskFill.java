package org.tagbench.config;

/** What SpecAugment writes into a masked band or run of frames ({@code training.augment.spec_augment.fill}). */
public enum MaskFill {
    /**
     * The clip's mean log-mel value (the default). Park et al. 2019 write zero into a log-mel normalised to mean
     * zero, which is its mean; tagbench's log-mel is not normalised, so zero (0 dB) would be a loud band, not a gap.
     */
    MEAN,
    /** Zero, as Park et al. write it; neutral only for features already normalised to mean zero. */
    ZERO
}
