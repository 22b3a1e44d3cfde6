package org.tagbench.model;

/**
 * Choi et al. 2016's fully convolutional network as the sota-music-tagging-models repo builds it (class {@code FCN}
 * in training/model.py): batch norm over the whole spectrogram, five 3x3 "same" convolution blocks with ReLU whose
 * max pools (2,4), (2,4), (2,4), (3,5), (4,4) shrink a 96-band input to one band and one frame, flatten, dropout
 * 0.5, a sigmoid output per tag. The repo's widths 64, 128, 128, 128, 64 keep their ratios 1 : 2 : 2 : 2 : 1.
 */
final class Fcn {
    /** The repo's pools, k2c2's: for 96 mel bands x 1366 frames (the repo's 29 s at 16 kHz also ends at 1 x 1). */
    private static final int[] PAPER_FREQ_POOLS = {2, 2, 2, 3, 4};
    private static final int[] PAPER_TIME_POOLS = {4, 4, 4, 5, 4};
    private static final int KERNEL = 3;
    private static final double DROPOUT = 0.5;

    private Fcn() {
    }

    /** The FCN for this input and tag count with one width per convolution. */
    static ModelSpec spec(int melBands, int frames, int tags, int[] widths) {
        int[] freqPools = Pools.fit(PAPER_FREQ_POOLS, melBands);
        int[] timePools = Pools.fit(PAPER_TIME_POOLS, frames);
        LayerStack stack = new LayerStack(melBands, frames).add(new SpectrogramBatchNorm());
        for (int i = 0; i < widths.length; i++) {
            stack.add(new ConvBlock(stack.shape().channels(), widths[i], KERNEL, KERNEL, ConvBlock.Padding.SAME,
                    freqPools[i], timePools[i], Nonlinearity.RELU));
        }
        return stack.add(new Dropout(DROPOUT)).withOutput(Architecture.FCN, tags, widths);
    }
}
