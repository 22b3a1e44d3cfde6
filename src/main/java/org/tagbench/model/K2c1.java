package org.tagbench.model;

/**
 * Choi et al. 2017's k2c1: batch norm per time frame; a first convolution as high as the spectrogram (96x4,
 * "valid" in frequency, so one band is left) and four more 1x4 convolutions, each block max-pooling time by 4
 * (1366 frames end at 1); flatten; two fully connected layers; a sigmoid output per tag. Widths conv1-3 :
 * conv4-5 : fc1-2 are 1 : 2 : 2 in Table 1.
 */
final class K2c1 {
    private static final int[] PAPER_TIME_POOLS = {4, 4, 4, 4, 4};
    private static final int KERNEL_WIDTH = 4;
    private static final int CONVS = 5;

    private K2c1() {
    }

    /** The k2c1 network for this input and tag count with widths conv1..conv5, fc1, fc2. */
    static ModelSpec spec(int melBands, int frames, int tags, int[] widths) {
        int[] timePools = Pools.fit(PAPER_TIME_POOLS, frames);
        LayerStack stack = new LayerStack(melBands, frames).add(new TimeBatchNorm(frames));
        stack.add(new ConvBlock(1, widths[0], melBands, KERNEL_WIDTH, ConvBlock.Padding.VALID, 1, timePools[0]));
        for (int i = 1; i < CONVS; i++) {
            stack.add(new ConvBlock(stack.shape().channels(), widths[i], 1, KERNEL_WIDTH, ConvBlock.Padding.SAME,
                    1, timePools[i]));
        }
        return FullyConnected.head(stack, widths, CONVS).withOutput(Architecture.K2C1, tags, widths);
    }
}
