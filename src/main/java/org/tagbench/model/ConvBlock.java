package org.tagbench.model;

/**
 * One convolution block: a {@code kernelHeight x kernelWidth} "same" convolution with bias, batch normalization,
 * ELU, then a non-overlapping max pool of {@code poolHeight x poolWidth} (height = mel bands, width = time).
 */
public record ConvBlock(int inChannels, int outChannels, int kernelHeight, int kernelWidth,
                        int poolHeight, int poolWidth) {

    /** Trainable parameters: kernel and bias, plus batch-norm scale and shift (running statistics excluded). */
    public long trainableParams() {
        long kernel = (long) kernelHeight * kernelWidth * inChannels * outChannels;
        return kernel + outChannels + 2L * outChannels;
    }
}
