package org.tagbench.engine.dl4j;

import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A GRU layer for DL4J in the "reset after" form of PyTorch, cuDNN, ONNX ({@code linear_before_reset=1}) and
 * Keras ({@code reset_after=True}), built from primitive SameDiff ops because SameDiff's own {@code gru} op has
 * a wrong gradient in 1.0.0-M2.1. For input x_t and state h (zero at the start):
 * <pre>
 *   r  = sigmoid(x W_r + Wb_r + h R_r + Rb_r)
 *   z  = sigmoid(x W_z + Wb_z + h R_z + Rb_z)
 *   n  = tanh(x W_n + Wb_n + r * (h R_n + Rb_n))
 *   h' = (1 - z) * n + z * h
 * </pre>
 * Parameters (PyTorch's layout, transposed): {@code W} [nIn, 3*units] (PyTorch weight_ih^T), {@code R}
 * [units, 3*units] (weight_hh^T), {@code Wb} [1, 3*units] (bias_ih) and {@code Rb} [1, 3*units] (bias_hh), all
 * trainable; each packs its three gate blocks in PyTorch's order reset | update | new, so a PyTorch or cuDNN
 * GRU's weights load by transposing. Keras's reset_after GRU has the same two biases per gate, hence the same
 * count, 3 * (nIn*units + units^2 + 2*units); Keras orders its blocks update | reset | new.
 * <p>
 * Input is a sequence [batch, nIn, time] (DL4J's NCW); a 2D convolution's feature map is accepted too and folded
 * by {@link FeatureMapToSequence}. Output is the whole state sequence [batch, units, time] (to stack another
 * GRU) or only the last state [batch, units] (the CRNN's summary, fed to a dense output layer). Masks are not
 * supported: every sequence in a batch has the same length.
 */
public final class GruLayer extends SequenceLayer {
    /** Input weights, [nIn, 3*units], gate blocks reset | update | new. */
    public static final String INPUT_WEIGHTS = "W";
    /** Recurrent weights, [units, 3*units], gate blocks reset | update | new. */
    public static final String RECURRENT_WEIGHTS = "R";
    /** Bias added to the input projection (PyTorch's bias_ih), [1, 3*units]. */
    public static final String INPUT_BIAS = "Wb";
    /** Bias added to the recurrent projection (PyTorch's bias_hh; the new gate's sits inside r * (...)), [1, 3*units]. */
    public static final String RECURRENT_BIAS = "Rb";
    private static final int GATES = 3;

    // Fields, not bean getters, carry the JSON form (DL4J's mapper would otherwise name nIn "nin" and lose it).
    @JsonProperty("nIn")
    private long nIn;
    @JsonProperty("units")
    private int units;
    @JsonProperty("returnSequences")
    private boolean returnSequences;

    private GruLayer(Builder builder) {
        super(builder);
        this.nIn = builder.nIn;
        this.units = builder.units;
        this.returnSequences = builder.returnSequences;
    }

    @SuppressWarnings("unused") // for DL4J's JSON mapper
    private GruLayer() {
    }

    @Override
    protected String kind() {
        return "GRU layer";
    }

    /** Trainable parameters of a GRU with this input size and width: 3 * (nIn*units + units^2 + 2*units). */
    public static long paramCount(long nIn, long units) {
        return GATES * (nIn * units + units * units + 2 * units);
    }

    @Override
    public long nIn() {
        return nIn;
    }

    /** Width of the hidden state. */
    public int units() {
        return units;
    }

    /** Whether the layer outputs every state [batch, units, time] rather than only the last [batch, units]. */
    public boolean returnSequences() {
        return returnSequences;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return returnSequences
                ? InputType.recurrent(units, recurrent(inputType).getTimeSeriesLength(), RNNFormat.NCW)
                : InputType.feedForward(units);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            nIn = recurrent(inputType).getSize();
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return switch (inputType.getType()) {
            case RNN -> {
                if (recurrent(inputType).getFormat() != RNNFormat.NCW) {
                    throw new IllegalArgumentException("GRU layer: expected recurrent input in NCW format, got "
                            + inputType);
                }
                yield null;
            }
            case CNN -> {
                InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) inputType;
                if (c.getFormat() != CNN2DFormat.NCHW) {
                    throw new IllegalArgumentException("GRU layer: expected an NCHW feature map, got " + inputType);
                }
                yield new FeatureMapToSequence(c.getChannels(), c.getHeight(), c.getWidth());
            }
            default -> throw unsupported(inputType);
        };
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(INPUT_WEIGHTS, nIn, (long) GATES * units);
        params.addWeightParam(RECURRENT_WEIGHTS, units, (long) GATES * units);
        params.addBiasParam(INPUT_BIAS, 1, (long) GATES * units);
        params.addBiasParam(RECURRENT_BIAS, 1, (long) GATES * units);
    }

    /** Both weight matrices from the layer's weight init (fan in, fan out as Keras counts them), biases zero. */
    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        long packed = (long) GATES * units;
        initWeights(nIn, packed, params.get(INPUT_WEIGHTS));
        initWeights(units, packed, params.get(RECURRENT_WEIGHTS));
        params.get(INPUT_BIAS).assign(0);
        params.get(RECURRENT_BIAS).assign(0);
    }

    private void initWeights(long fanIn, long fanOut, INDArray view) {
        getWeightInit().getWeightInitFunction().init(fanIn, fanOut, view.shape(), 'c', view);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        long steps = input.getShape()[2];
        // One product for every time step's input projection: [batch*time, nIn] x [nIn, 3*units].
        SDVariable flat = sd.reshape(sd.permute(input, 0, 2, 1), -1, nIn);
        SDVariable projected = sd.reshape(sd.mmul(flat, params.get(INPUT_WEIGHTS)).add(params.get(INPUT_BIAS)),
                -1, steps, (long) GATES * units);
        // unstack, not SDIndex.point: point slices break backprop in M2.1, and every unstack output is used.
        SDVariable[] inputGates = sd.unstack(projected, 1, (int) steps);
        SDVariable recurrentBias = params.get(RECURRENT_BIAS);
        SDVariable recurrentWeights = params.get(RECURRENT_WEIGHTS);
        SDVariable[] states = new SDVariable[(int) steps];
        // The initial state is zero, so the first step's recurrent projection is the recurrent bias alone.
        states[0] = step(sd, inputGates[0], recurrentBias, null);
        for (int t = 1; t < steps; t++) {
            SDVariable h = states[t - 1];
            states[t] = step(sd, inputGates[t], sd.mmul(h, recurrentWeights).add(recurrentBias), h);
        }
        return returnSequences ? sd.stack(2, states) : states[(int) steps - 1];
    }

    /** One GRU step from the packed input and recurrent projections; {@code h} null means the zero state. */
    private SDVariable step(SameDiff sd, SDVariable inputProjection, SDVariable recurrentProjection, SDVariable h) {
        SDVariable[] x = gates(sd, inputProjection);
        SDVariable[] r = gates(sd, recurrentProjection);
        SDVariable reset = sd.nn().sigmoid(x[0].add(r[0]));
        SDVariable update = sd.nn().sigmoid(x[1].add(r[1]));
        SDVariable candidate = sd.math().tanh(x[2].add(reset.mul(r[2])));
        // (1 - z) * n + z * h, written as n + z * (h - n); with h = 0 it is n - z * n.
        return h == null ? candidate.sub(update.mul(candidate)) : candidate.add(update.mul(h.sub(candidate)));
    }

    /** Splits a packed [batch, 3*units] projection into its reset, update and new blocks, [batch, units] each. */
    private SDVariable[] gates(SameDiff sd, SDVariable packed) {
        return sd.unstack(sd.reshape(packed, -1, GATES, units), 1, GATES);
    }

    /** The recurrent input type; a feature map has become one through {@link FeatureMapToSequence} by now. */
    private static InputType.InputTypeRecurrent recurrent(InputType inputType) {
        if (inputType instanceof InputType.InputTypeRecurrent r) {
            return r;
        }
        throw unsupported(inputType);
    }

    private static IllegalArgumentException unsupported(InputType inputType) {
        return new IllegalArgumentException("GRU layer: expected a recurrent [batch, features, time] input or a 2D "
                + "feature map [batch, channels, height, time], got " + inputType);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GruLayer other && super.equals(o)
                && nIn == other.nIn && units == other.units && returnSequences == other.returnSequences;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn, units, returnSequences);
    }

    /** Builds a {@link GruLayer}; {@code units} is required, {@code nIn} is usually inferred from the input type. */
    public static final class Builder extends SameDiffLayer.Builder<Builder> {
        private long nIn;
        private int units;
        private boolean returnSequences;

        /** Input features per time step. */
        public Builder nIn(long nIn) {
            this.nIn = nIn;
            return this;
        }

        /** Width of the hidden state. */
        public Builder units(int units) {
            this.units = units;
            return this;
        }

        /** True to output every state (for stacking), false (the default) for only the last state. */
        public Builder returnSequences(boolean returnSequences) {
            this.returnSequences = returnSequences;
            return this;
        }

        @Override
        public GruLayer build() {
            if (units <= 0) {
                throw new IllegalArgumentException("GRU layer: units must be positive, got " + units);
            }
            return new GruLayer(this);
        }
    }
}
