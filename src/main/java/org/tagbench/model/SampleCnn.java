package org.tagbench.model;

/**
 * Lee et al. 2017's sample-level CNN (sota-music-tagging-models, training/model.py, class SampleCNN) on the raw
 * waveform, an input of 1 x samples: a strided first convolution (3 taps, stride 3), nine 3-tap convolution blocks
 * each max-pooling by 3, a 1-tap convolution, dropout 0.5 and a sigmoid output per tag. At 59,049 = 3^10 samples the
 * pools leave one frame. Widths conv1-3 : conv4-9 : conv10-11 are 128 : 256 : 512, i.e. 1 : 2 : 4.
 */
final class SampleCnn {
    /** The repo's pools of conv2 to conv10 (conv1 and conv11 do not pool). */
    private static final int[] PAPER_POOLS = {3, 3, 3, 3, 3, 3, 3, 3, 3};
    private static final int KERNEL = 3;
    private static final int FIRST_STRIDE = 3;
    private static final double DROPOUT = 0.5;

    private SampleCnn() {
    }

    /**
     * The sample-level CNN for waveform chunks of {@code samples} (a 1 x samples input) and this tag count with one
     * width per convolution; on chunks shorter than 3^10 the pools are reduced from the last backwards
     * ({@link Pools#fit}) so that they still leave one frame.
     */
    static ModelSpec spec(int bands, int samples, int tags, int[] widths) {
        if (bands != 1) {
            throw new IllegalArgumentException("samplecnn eats the raw waveform (input 1 x samples), not " + bands
                    + " x " + samples + " (expected features.frontend: none)");
        }
        LayerStack stack = new LayerStack(1, samples).add(new Conv1dBlock(1, widths[0], KERNEL, FIRST_STRIDE, 1));
        int[] pools = Pools.fit(PAPER_POOLS, stack.shape().width());
        for (int i = 0; i < pools.length; i++) {
            stack.add(new Conv1dBlock(stack.shape().channels(), widths[i + 1], KERNEL, 1, pools[i]));
        }
        stack.add(new Conv1dBlock(stack.shape().channels(), widths[widths.length - 1], 1, 1, 1));
        stack.add(new Dropout(DROPOUT));
        return stack.withOutput(Architecture.SAMPLECNN, tags, widths);
    }
}
