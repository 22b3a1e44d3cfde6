package org.tagbench.config;

/**
 * SpecAugment's masks on the log-mel (Park et al. 2019, without time warping): {@code freq_masks} bands of up to
 * {@code freq_width} mel bins and {@code time_masks} runs of up to {@code time_width} frames, each width drawn
 * uniformly from 0 to its maximum and its start uniformly where it fits, filled with {@code fill}. Defaults: no
 * masks; widths F = 15 and T = 70, Park et al.'s "SM" policy; fill {@code mean}.
 */
public record SpecAugmentConfig(int timeMasks, int timeWidth, int freqMasks, int freqWidth, MaskFill fill) {

    /** Requires counts and widths of at least zero. */
    public SpecAugmentConfig {
        Require.atLeast("time_masks", timeMasks, 0);
        Require.atLeast("time_width", timeWidth, 0);
        Require.atLeast("freq_masks", freqMasks, 0);
        Require.atLeast("freq_width", freqWidth, 0);
    }

    /** Whether any mask is drawn. */
    public boolean masks() {
        return timeMasks > 0 && timeWidth > 0 || freqMasks > 0 && freqWidth > 0;
    }
}
