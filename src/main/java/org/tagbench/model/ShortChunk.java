package org.tagbench.model;

import java.util.Arrays;

/**
 * Won et al. 2020's short-chunk CNN (class {@code ShortChunkCNN} in the sota-music-tagging-models repo's
 * training/model.py): batch norm over the whole spectrogram, seven 3x3 "same" convolution blocks with ReLU and 2x2
 * max pools (128 mel bands x 231 frames, its 3.69 s at 16 kHz, end at 1 x 1), max over the frames left, a hidden
 * dense layer with batch norm and ReLU, dropout 0.5, a sigmoid output per tag. The repo's widths (n_channels = 128)
 * are 128, 128, 256, 256, 256, 256, 512 and 512 for the dense layer: ratios 1 : 2 : 4 of one factor.
 */
final class ShortChunk {
    private static final int CONVS = 7;
    private static final int POOL = 2;
    private static final int KERNEL = 3;
    private static final double DROPOUT = 0.5;

    private ShortChunk() {
    }

    /** The short-chunk CNN for this input and tag count with widths conv1..conv7, fc1. */
    static ModelSpec spec(int melBands, int frames, int tags, int[] widths) {
        int[] paperPools = new int[CONVS];
        Arrays.fill(paperPools, POOL);
        // On fewer than 128 bands the last pools give way so that one band is left, as the repo's squeeze needs.
        int[] freqPools = Pools.fit(paperPools, melBands);
        int[] timePools = Pools.fit(paperPools, frames);
        LayerStack stack = new LayerStack(melBands, frames).add(new SpectrogramBatchNorm());
        for (int i = 0; i < CONVS; i++) {
            stack.add(new ConvBlock(stack.shape().channels(), widths[i], KERNEL, KERNEL, ConvBlock.Padding.SAME,
                    freqPools[i], timePools[i], Nonlinearity.RELU));
        }
        stack.add(new TimeMaxPool(stack.shape().width()));
        stack.add(new DenseBlock(stack.flatSize(), widths[CONVS], Nonlinearity.RELU));
        return stack.add(new Dropout(DROPOUT)).withOutput(Architecture.SHORTCHUNK, tags, widths);
    }
}
