package org.tagbench.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The engine-neutral names and shapes of a {@link ModelSpec}'s weights, PyTorch's {@code state_dict} layout per
 * spec layer {@code i}: {@code layers.i.conv.weight} [out, in, kh, kw] ([out, in, k] for a 1D convolution) and {@code
 * .conv.bias}; {@code
 * layers.i.linear.weight} [out, in] and {@code .linear.bias}; batch norm as {@code .bn.weight}, {@code .bn.bias},
 * {@code .bn.running_mean}, {@code .bn.running_var} (a per-frame or whole-spectrogram input norm without the
 * {@code bn.} part); a GRU
 * as {@code layers.i.weight_ih} [3 units, in], {@code .weight_hh} [3 units, units], {@code .bias_ih},
 * {@code .bias_hh}, gate blocks in PyTorch's order reset | update | new; an LSTM as torch.nn.LSTM's state_dict,
 * {@code layers.i.weight_ih_l0} [4 units, in], {@code .weight_hh_l0} [4 units, units], {@code .bias_ih_l0},
 * {@code .bias_hh_l0} and, when bidirectional, the same with {@code _reverse}, gate blocks input | forget | cell |
 * output; attention pooling's score as {@code layers.i.score.weight} [1, in]. Every engine reads and writes weights
 * in this layout, which is how weights move between engines and out to other tools.
 */
public final class WeightLayout {
    private static final int GRU_GATES = 3;
    private static final int LSTM_GATES = 4;

    private WeightLayout() {
    }

    /** The arrays of {@code spec}, node by node (a graph's too: names follow node positions), in the order above. */
    public static List<WeightSlot> of(ModelSpec spec) {
        List<WeightSlot> slots = new ArrayList<>();
        List<LayerSpec> layers = spec.layers();
        for (int i = 0; i < layers.size(); i++) {
            String prefix = prefix(i);
            LayerSpec layer = layers.get(i);
            if (layer instanceof TimeBatchNorm t) {
                batchNorm(slots, prefix, t.frames());
            } else if (layer instanceof ConvBlock c) {
                conv(slots, prefix, c.outChannels(), c.inChannels(), c.kernelHeight(), c.kernelWidth());
            } else if (layer instanceof DenseBlock d) {
                linear(slots, prefix, d.in(), d.out());
                batchNorm(slots, prefix + "bn.", d.out());
            } else if (layer instanceof Gru g) {
                int gates = GRU_GATES * g.units();
                slots.add(new WeightSlot(prefix + "weight_ih", new int[] {gates, g.in()},
                        WeightRole.GRU_INPUT_WEIGHTS));
                slots.add(new WeightSlot(prefix + "weight_hh", new int[] {gates, g.units()},
                        WeightRole.GRU_RECURRENT_WEIGHTS));
                slots.add(new WeightSlot(prefix + "bias_ih", new int[] {gates}, WeightRole.GRU_INPUT_BIAS));
                slots.add(new WeightSlot(prefix + "bias_hh", new int[] {gates}, WeightRole.GRU_RECURRENT_BIAS));
            } else if (layer instanceof SigmoidOutput o) {
                linear(slots, prefix, o.in(), o.tags());
            } else if (layer instanceof SpectrogramBatchNorm) {
                batchNorm(slots, prefix, 1);
            } else if (layer instanceof ConvBn c) {
                conv(slots, prefix, c.outChannels(), c.inChannels(), c.kernel(), c.kernel());
            } else if (layer instanceof Conv1dBlock c) {
                slots.add(new WeightSlot(prefix + "conv.weight", new int[] {c.outChannels(), c.inChannels(),
                    c.kernel()}, WeightRole.CONV_WEIGHT));
                slots.add(new WeightSlot(prefix + "conv.bias", new int[] {c.outChannels()}, WeightRole.CONV_BIAS));
                batchNorm(slots, prefix + "bn.", c.outChannels());
            } else if (layer instanceof Lstm l) {
                for (String direction : lstmDirections(l)) {
                    lstm(slots, prefix, direction, l);
                }
            } else if (layer instanceof AttentionPooling a) {
                slots.add(new WeightSlot(prefix + "score.weight", new int[] {1, a.in()}, WeightRole.DENSE_WEIGHT));
            }
        }
        return Collections.unmodifiableList(slots);
    }

    /** The name prefix of spec layer {@code index}, e.g. {@code layers.3.}. */
    public static String prefix(int index) {
        return "layers." + index + ".";
    }

    /** A convolution's kernel [out, in, kh, kw] and bias, then its batch norm under {@code bn.}. */
    private static void conv(List<WeightSlot> slots, String prefix, int out, int in, int kernelHeight,
                             int kernelWidth) {
        slots.add(new WeightSlot(prefix + "conv.weight", new int[] {out, in, kernelHeight, kernelWidth},
                WeightRole.CONV_WEIGHT));
        slots.add(new WeightSlot(prefix + "conv.bias", new int[] {out}, WeightRole.CONV_BIAS));
        batchNorm(slots, prefix + "bn.", out);
    }

    /** The name suffixes of an LSTM's directions, torch.nn.LSTM's: {@code _l0} and {@code _l0_reverse}. */
    public static List<String> lstmDirections(Lstm lstm) {
        return lstm.bidirectional() ? List.of("_l0", "_l0_reverse") : List.of("_l0");
    }

    private static void lstm(List<WeightSlot> slots, String prefix, String direction, Lstm l) {
        int gates = LSTM_GATES * l.units();
        slots.add(new WeightSlot(prefix + "weight_ih" + direction, new int[] {gates, l.in()},
                WeightRole.LSTM_INPUT_WEIGHTS));
        slots.add(new WeightSlot(prefix + "weight_hh" + direction, new int[] {gates, l.units()},
                WeightRole.LSTM_RECURRENT_WEIGHTS));
        slots.add(new WeightSlot(prefix + "bias_ih" + direction, new int[] {gates}, WeightRole.LSTM_INPUT_BIAS));
        slots.add(new WeightSlot(prefix + "bias_hh" + direction, new int[] {gates}, WeightRole.LSTM_RECURRENT_BIAS));
    }

    private static void linear(List<WeightSlot> slots, String prefix, int in, int out) {
        slots.add(new WeightSlot(prefix + "linear.weight", new int[] {out, in}, WeightRole.DENSE_WEIGHT));
        slots.add(new WeightSlot(prefix + "linear.bias", new int[] {out}, WeightRole.DENSE_BIAS));
    }

    private static void batchNorm(List<WeightSlot> slots, String prefix, int features) {
        slots.add(new WeightSlot(prefix + "weight", new int[] {features}, WeightRole.NORM_SCALE));
        slots.add(new WeightSlot(prefix + "bias", new int[] {features}, WeightRole.NORM_SHIFT));
        slots.add(new WeightSlot(prefix + "running_mean", new int[] {features}, WeightRole.RUNNING_MEAN));
        slots.add(new WeightSlot(prefix + "running_var", new int[] {features}, WeightRole.RUNNING_VARIANCE));
    }
}
