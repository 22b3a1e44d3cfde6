package org.tagbench.model;

/**
 * The short-chunk ResNet of Won et al. 2020 (sota-music-tagging-models, training/model.py {@code
 * ShortChunkCNN_Res}, blocks {@code Res_2d} of training/modules.py): batch norm of the whole spectrogram; seven
 * residual blocks, each a 3x3 stride-2 convolution, bn, ReLU, a 3x3 convolution, bn, added to a shortcut that is a
 * 3x3 stride-2 convolution and bn of the block's input, then ReLU (every block halves both axes, rounding up);
 * max over time; a dense layer with bn and ReLU; dropout 0.5; a sigmoid output per tag. Widths res1-2 : res3-6 :
 * res7 and fc1 are 1 : 2 : 4 (the repo's n_channels = 128 makes 128, 256, 512).
 */
final class ShortChunkRes {
    private static final int BLOCKS = 7;
    private static final int KERNEL = 3;
    private static final int STRIDE = 2;
    private static final double DROPOUT = 0.5;

    private ShortChunkRes() {
    }

    /** The network for this input and tag count with widths res1..res7, fc1. */
    static ModelSpec spec(int melBands, int frames, int tags, int[] widths) {
        LayerStack stack = new LayerStack(melBands, frames).add(new SpectrogramBatchNorm());
        for (int i = 0; i < BLOCKS; i++) {
            int blockInput = stack.last();
            int channels = stack.shape().channels();
            stack.add(new ConvBn(channels, widths[i], KERNEL, STRIDE, true));
            stack.add(new ConvBn(widths[i], widths[i], KERNEL, 1, false));
            int residual = stack.last();
            stack.addFrom(new ConvBn(channels, widths[i], KERNEL, STRIDE, false), blockInput);
            stack.addFrom(new Add(true), residual, stack.last());
        }
        stack.add(new TimeMaxPool(stack.shape().width()));
        stack.add(new DenseBlock(stack.flatSize(), widths[BLOCKS], Nonlinearity.RELU));
        return stack.add(new Dropout(DROPOUT)).withOutput(Architecture.SHORTCHUNK_RES, tags, widths);
    }
}
