package org.tagbench.model;

/**
 * Choi et al. 2017's k2c2: batch norm per time frame, five 3x3 "same" convolution blocks whose max pools shrink a
 * 96 x 1366 log-mel input to 1 x 1, flatten, a sigmoid output per tag. Widths conv1 : conv2-3 : conv4 : conv5 are
 * 1 : 2 : 3 : 4 in Table 1.
 */
final class K2c2 {
    /** The paper's pools for 96 mel bands x 1366 frames: (2,4), (2,4), (2,4), (3,5), (4,4). */
    private static final int[] PAPER_FREQ_POOLS = {2, 2, 2, 3, 4};
    private static final int[] PAPER_TIME_POOLS = {4, 4, 4, 5, 4};
    private static final int KERNEL = 3;

    private K2c2() {
    }

    /** The k2c2 network for this input and tag count with one width per convolution. */
    static ModelSpec spec(int melBands, int frames, int tags, int[] widths) {
        int[] freqPools = Pools.fit(PAPER_FREQ_POOLS, melBands);
        int[] timePools = Pools.fit(PAPER_TIME_POOLS, frames);
        LayerStack stack = new LayerStack(melBands, frames).add(new TimeBatchNorm(frames));
        for (int i = 0; i < widths.length; i++) {
            stack.add(new ConvBlock(stack.shape().channels(), widths[i], KERNEL, KERNEL, ConvBlock.Padding.SAME,
                    freqPools[i], timePools[i]));
        }
        return stack.withOutput(Architecture.K2C2, tags, widths);
    }
}
