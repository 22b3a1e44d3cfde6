package org.tagbench.model;

/**
 * One convolution block: a {@code kernelHeight x kernelWidth} convolution with bias, batch normalization, an
 * activation (ELU in Choi et al. 2017's networks, ReLU in FCN and the short-chunk CNN), then a non-overlapping max pool of {@code poolHeight x poolWidth} (height = mel bands, width = time) that
 * drops what does not fill a window. Time is always padded "same"; frequency "same" or "valid" (a kernel as high
 * as the input then leaves one band). "Same" with an even kernel pads one less before than after, as Keras,
 * TensorFlow, PyTorch and DL4J do.
 */
public record ConvBlock(int inChannels, int outChannels, int kernelHeight, int kernelWidth, Padding frequencyPadding,
                        int poolHeight, int poolWidth, Nonlinearity activation) implements LayerSpec {

    /** A block with ELU, as all of Choi et al. 2017's are. */
    public ConvBlock(int inChannels, int outChannels, int kernelHeight, int kernelWidth, Padding frequencyPadding,
                     int poolHeight, int poolWidth) {
        this(inChannels, outChannels, kernelHeight, kernelWidth, frequencyPadding, poolHeight, poolWidth,
                Nonlinearity.ELU);
    }

    /** How the convolution treats the frequency axis. */
    public enum Padding {
        /** Output as high as the input. */
        SAME,
        /** No padding: output height is input height - kernel height + 1. */
        VALID
    }

    /** The map after the convolution, before pooling. */
    public Shape convolved(Shape in) {
        if (in.channels() != inChannels) {
            throw new IllegalArgumentException("convolution for " + inChannels + " channels got an input of " + in);
        }
        int height = frequencyPadding == Padding.SAME ? in.height() : in.height() - kernelHeight + 1;
        return new Shape(outChannels, height, in.width());
    }

    @Override
    public Shape output(Shape in) {
        Shape c = convolved(in);
        return new Shape(outChannels, c.height() / poolHeight, c.width() / poolWidth);
    }

    /** Kernel and bias, plus batch-norm scale and shift. */
    @Override
    public long params() {
        long kernel = (long) kernelHeight * kernelWidth * inChannels * outChannels;
        return kernel + outChannels + 2L * outChannels;
    }

    @Override
    public long flops(Shape in) {
        Shape c = convolved(in);
        return 2L * kernelHeight * kernelWidth * inChannels * c.height() * c.width() * outChannels;
    }

    @Override
    public String describe() {
        String padding = frequencyPadding == Padding.SAME ? "same" : "valid x same";
        return "conv " + kernelHeight + "x" + kernelWidth + " " + padding + ", bn, " + activation.label() + ", maxpool "
                + poolHeight + "x" + poolWidth;
    }
}
