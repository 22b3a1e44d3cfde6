package org.tagbench.model;

/**
 * Choi et al. 2017's CRNN: time zero-padded so that the pools divide it (1366 frames + 37 + 37 = 1440, as in the
 * author's code), batch norm per time frame, four 3x3 "same" convolution blocks each followed by dropout 0.1,
 * pools (2,2), (3,3), (4,4), (4,4) leaving one band and 15 steps, two GRUs (the second returns its last state),
 * dropout 0.3, a sigmoid output per tag. Widths conv1 : conv2-4 : gru1-2 are 1 : 2 : 1 in Table 1.
 */
final class Crnn {
    private static final int[] PAPER_FREQ_POOLS = {2, 3, 4, 4};
    private static final int[] PAPER_TIME_POOLS = {2, 3, 4, 4};
    /** Shorter inputs shrink the time pools (last first) until the GRUs see at least this many steps. */
    static final int MIN_STEPS = 8;
    private static final int KERNEL = 3;
    private static final int CONVS = 4;
    private static final double CONV_DROPOUT = 0.1;
    private static final double GRU_DROPOUT = 0.3;

    private Crnn() {
    }

    /** The CRNN for this input and tag count with widths conv1..conv4, gru1, gru2. */
    static ModelSpec spec(int melBands, int frames, int tags, int[] widths) {
        int[] freqPools = Pools.fit(PAPER_FREQ_POOLS, melBands);
        int[] timePools = Pools.fit(PAPER_TIME_POOLS, Math.max(1, frames / MIN_STEPS));
        int step = Pools.product(timePools);
        int padding = Math.floorMod(-frames, step);
        LayerStack stack = new LayerStack(melBands, frames);
        if (padding > 0) {
            stack.add(new TimePadding(padding / 2, padding - padding / 2));
        }
        stack.add(new TimeBatchNorm(frames + padding));
        for (int i = 0; i < CONVS; i++) {
            stack.add(new ConvBlock(stack.shape().channels(), widths[i], KERNEL, KERNEL, ConvBlock.Padding.SAME,
                    freqPools[i], timePools[i]));
            stack.add(new Dropout(CONV_DROPOUT));
        }
        for (int i = CONVS; i < widths.length; i++) {
            Shape in = stack.shape();
            stack.add(new Gru(in.channels() * in.height(), widths[i], i < widths.length - 1));
        }
        return stack.add(new Dropout(GRU_DROPOUT)).withOutput(Architecture.CRNN, tags, widths);
    }
}
