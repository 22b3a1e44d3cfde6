package org.tagbench.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Pons et al. 2018's musicnn as the sota-music-tagging-models repo builds it (training/model.py, class {@code
 * Musicnn}; modules {@code Conv_V}, {@code Conv_H} and {@code Conv_1d} of training/modules.py). Batch norm of the
 * whole spectrogram; a front end of parallel branches: two timbral filters (convolutions 0.7 and 0.4 of the mel
 * bands high and 7 frames wide, "valid" in frequency, bn, ReLU, max over the bands left) and three temporal filters
 * (the mean over the bands, then 1D convolutions of 129, 65 and 33 frames, bn, ReLU), concatenated; a mid end of three
 * 7-frame 1D convolutions (bn, ReLU), the second and third added to their input; the front end's and the three mid-end
 * outputs concatenated; max and mean over time, concatenated; a dense layer with bn and ReLU; dropout 0.5; a sigmoid
 * output per tag. Widths timbral : temporal : mid end : fc1 keep the repo's 204 : 51 : 64 : 200 (its MagnaTagATune
 * size).
 */
final class Musicnn {
    /** The timbral filters' heights as fractions of the mel bands (the repo's int(0.7 * 96) and int(0.4 * 96)). */
    private static final double[] TIMBRAL_HEIGHTS = {0.7, 0.4};
    private static final int TIMBRAL_FRAMES = 7;
    private static final int[] TEMPORAL_FRAMES = {129, 65, 33};
    private static final int MID_KERNEL = 7;
    private static final int MID_LAYERS = 3;
    private static final double DROPOUT = 0.5;

    private Musicnn() {
    }

    /** The network for this input and tag count with widths timbral1-2, temporal1-3, midend (all three), fc1. */
    static ModelSpec spec(int melBands, int frames, int tags, int[] widths) {
        LayerStack stack = new LayerStack(melBands, frames).add(new SpectrogramBatchNorm());
        int spectrogram = stack.last();
        List<Integer> branches = new ArrayList<>();
        for (int i = 0; i < TIMBRAL_HEIGHTS.length; i++) {
            int height = timbralHeight(TIMBRAL_HEIGHTS[i], melBands);
            stack.addFrom(new ConvBlock(1, widths[i], height, TIMBRAL_FRAMES, ConvBlock.Padding.VALID,
                    melBands - height + 1, 1, Nonlinearity.RELU), spectrogram);
            branches.add(stack.last());
        }
        stack.addFrom(new AveragePool(melBands, 1), spectrogram);
        int bandMean = stack.last();
        for (int i = 0; i < TEMPORAL_FRAMES.length; i++) {
            stack.addFrom(new Conv1dBlock(1, widths[TIMBRAL_HEIGHTS.length + i], TEMPORAL_FRAMES[i], 1, 1), bandMean);
            branches.add(stack.last());
        }
        stack.addFrom(new Concat(), indices(branches));
        List<Integer> features = new ArrayList<>(List.of(stack.last()));
        int mid = widths[widths.length - 2];
        stack.add(new Conv1dBlock(stack.shape().channels(), mid, MID_KERNEL, 1, 1));
        features.add(stack.last());
        for (int i = 1; i < MID_LAYERS; i++) {
            int residual = stack.last();
            stack.add(new Conv1dBlock(mid, mid, MID_KERNEL, 1, 1));
            stack.addFrom(new Add(false), stack.last(), residual);
            features.add(stack.last());
        }
        stack.addFrom(new Concat(), indices(features));
        int midEnd = stack.last();
        stack.add(new TimeMaxPool(frames));
        int max = stack.last();
        stack.addFrom(new AveragePool(1, frames), midEnd);
        stack.addFrom(new Concat(), max, stack.last());
        stack.add(new DenseBlock(stack.flatSize(), widths[widths.length - 1], Nonlinearity.RELU));
        return stack.add(new Dropout(DROPOUT)).withOutput(Architecture.MUSICNN, tags, widths);
    }

    /** A timbral filter's height: the fraction of the bands rounded down, as the repo's int(), and at least 1. */
    private static int timbralHeight(double fraction, int melBands) {
        return Math.max(1, (int) (fraction * melBands));
    }

    private static int[] indices(List<Integer> nodes) {
        return nodes.stream().mapToInt(Integer::intValue).toArray();
    }
}
