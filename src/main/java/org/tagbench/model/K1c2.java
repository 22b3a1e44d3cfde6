package org.tagbench.model;

/**
 * Choi et al. 2017's k1c2: batch norm per time frame; four 1x4 convolutions along time in every mel band (a 2D
 * convolution with 1-D kernels, so the bands stay), max-pooling time by 4, 5, 8, 8 (1366 frames end at 1);
 * flatten (bands x channels); two fully connected layers; a sigmoid output per tag. Widths conv1-2 : conv3-4 :
 * fc1-2 are 1 : 2 : 2 in Table 1.
 */
final class K1c2 {
    private static final int[] PAPER_TIME_POOLS = {4, 5, 8, 8};
    private static final int KERNEL_WIDTH = 4;
    private static final int CONVS = 4;

    private K1c2() {
    }

    /** The k1c2 network for this input and tag count with widths conv1..conv4, fc1, fc2. */
    static ModelSpec spec(int melBands, int frames, int tags, int[] widths) {
        int[] timePools = Pools.fit(PAPER_TIME_POOLS, frames);
        LayerStack stack = new LayerStack(melBands, frames).add(new TimeBatchNorm(frames));
        for (int i = 0; i < CONVS; i++) {
            stack.add(new ConvBlock(stack.shape().channels(), widths[i], 1, KERNEL_WIDTH, ConvBlock.Padding.SAME,
                    1, timePools[i]));
        }
        return FullyConnected.head(stack, widths, CONVS).withOutput(Architecture.K1C2, tags, widths);
    }
}
