package org.tagbench.model;

/**
 * The convolutional-recurrent tagger with attention of the Freesound Audio Tagging 2019 kernels (see
 * docs/architectures.md, section bilstm-attn): four 3x3 "same" convolution blocks (batch norm, ELU, max pool)
 * whose pools leave about one mel band, a bidirectional LSTM over the remaining frames, attention pooling over
 * time, dropout 0.3 and a sigmoid output per tag. Widths conv1 : conv2 : conv3-4 : lstm are 1 : 2 : 4 : 2
 * (64, 128, 256, 256, 128 at the default size).
 */
final class BilstmAttn {
    /** Frequency pools: 96 mel bands / (2 x 4 x 4 x 3) = 1, 128 / 96 leaves 1 as well. */
    private static final int[] FREQ_POOLS = {2, 4, 4, 3};
    /** Time pools: 2 each, 16 frames per LSTM step (about 0.34 s at 12 kHz, hop 256). */
    private static final int[] TIME_POOLS = {2, 2, 2, 2};
    /** Shorter inputs shrink the time pools (last first) until the LSTM sees at least this many steps. */
    static final int MIN_STEPS = 4;
    private static final int KERNEL = 3;
    private static final int CONVS = 4;
    private static final double DROPOUT = 0.3;

    private BilstmAttn() {
    }

    /** The network for this input and tag count with widths conv1..conv4, lstm (units per direction). */
    static ModelSpec spec(int melBands, int frames, int tags, int[] widths) {
        int[] freqPools = Pools.fit(FREQ_POOLS, melBands);
        int[] timePools = Pools.fit(TIME_POOLS, Math.max(1, frames / MIN_STEPS));
        LayerStack stack = new LayerStack(melBands, frames);
        for (int i = 0; i < CONVS; i++) {
            stack.add(new ConvBlock(stack.shape().channels(), widths[i], KERNEL, KERNEL, ConvBlock.Padding.SAME,
                    freqPools[i], timePools[i]));
        }
        Shape in = stack.shape();
        Lstm lstm = new Lstm(in.channels() * in.height(), widths[CONVS], true);
        stack.add(lstm);
        stack.add(new AttentionPooling(lstm.units() * lstm.directions()));
        return stack.add(new Dropout(DROPOUT)).withOutput(Architecture.BILSTM_ATTN, tags, widths);
    }
}
