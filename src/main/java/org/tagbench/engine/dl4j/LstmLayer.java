package org.tagbench.engine.dl4j;

import java.util.List;
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
 * An LSTM layer for DL4J with torch.nn.LSTM's exact equations, one direction or both, built from primitive
 * SameDiff ops as {@link GruLayer} is (DL4J's own LSTM orders its gates otherwise and has peepholes). For input
 * x_t, state h and cell c (both zero at the start):
 * <pre>
 *   i = sigmoid(x W_i + Wb_i + h R_i + Rb_i)     f = sigmoid(x W_f + Wb_f + h R_f + Rb_f)
 *   g = tanh(x W_g + Wb_g + h R_g + Rb_g)        o = sigmoid(x W_o + Wb_o + h R_o + Rb_o)
 *   c' = f * c + i * g                           h' = o * tanh(c')
 * </pre>
 * Parameters per direction (PyTorch's layout, transposed): {@code W} [nIn, 4*units] (weight_ih^T), {@code R}
 * [units, 4*units] (weight_hh^T), {@code Wb} and {@code Rb} [1, 4*units] (bias_ih, bias_hh), gate blocks in
 * PyTorch's order input | forget | cell | output; the reverse direction's carry the suffix {@code Reverse} and
 * read the sequence from its end. Input is a sequence [batch, nIn, time] (NCW) or a feature map folded by
 * {@link FeatureMapToSequence}; output is every state [batch, directions*units, time], forward states first.
 */
public final class LstmLayer extends SequenceLayer {
    /** Input weights, [nIn, 4*units]. */
    public static final String INPUT_WEIGHTS = "W";
    /** Recurrent weights, [units, 4*units]. */
    public static final String RECURRENT_WEIGHTS = "R";
    /** Bias added to the input projection (PyTorch's bias_ih), [1, 4*units]. */
    public static final String INPUT_BIAS = "Wb";
    /** Bias added to the recurrent projection (PyTorch's bias_hh), [1, 4*units]. */
    public static final String RECURRENT_BIAS = "Rb";
    /** The suffix of the reverse direction's parameters (no underscore: DL4J reads one as a layer separator). */
    public static final String REVERSE = "Reverse";
    private static final int GATES = 4;

    @JsonProperty("nIn")
    private long nIn;
    @JsonProperty("units")
    private int units;
    @JsonProperty("bidirectional")
    private boolean bidirectional;

    private LstmLayer(Builder builder) {
        super(builder);
        this.nIn = builder.nIn;
        this.units = builder.units;
        this.bidirectional = builder.bidirectional;
    }

    @SuppressWarnings("unused") // for DL4J's JSON mapper
    private LstmLayer() {
    }

    @Override
    public long nIn() {
        return nIn;
    }

    @Override
    protected String kind() {
        return "LSTM layer";
    }

    /** The parameter-name suffixes of the directions: "" (forward) and, when bidirectional, {@link #REVERSE}. */
    public List<String> directions() {
        return bidirectional ? List.of("", REVERSE) : List.of("");
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent((long) units * directions().size(), recurrent(inputType).getTimeSeriesLength(),
                RNNFormat.NCW);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            nIn = recurrent(inputType).getSize();
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        if (inputType instanceof InputType.InputTypeConvolutional c && c.getFormat() == CNN2DFormat.NCHW) {
            return new FeatureMapToSequence(c.getChannels(), c.getHeight(), c.getWidth());
        }
        if (inputType instanceof InputType.InputTypeRecurrent r && r.getFormat() == RNNFormat.NCW) {
            return null;
        }
        throw unsupported(inputType);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        for (String d : directions()) {
            params.addWeightParam(INPUT_WEIGHTS + d, nIn, (long) GATES * units);
            params.addWeightParam(RECURRENT_WEIGHTS + d, units, (long) GATES * units);
            params.addBiasParam(INPUT_BIAS + d, 1, (long) GATES * units);
            params.addBiasParam(RECURRENT_BIAS + d, 1, (long) GATES * units);
        }
    }

    /** Both weight matrices from the layer's weight init (fan in, fan out as Keras counts them), biases zero. */
    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        long packed = (long) GATES * units;
        for (String d : directions()) {
            getWeightInit().getWeightInitFunction().init(nIn, packed, params.get(INPUT_WEIGHTS + d).shape(), 'c',
                    params.get(INPUT_WEIGHTS + d));
            getWeightInit().getWeightInitFunction().init(units, packed, params.get(RECURRENT_WEIGHTS + d).shape(),
                    'c', params.get(RECURRENT_WEIGHTS + d));
            params.get(INPUT_BIAS + d).assign(0);
            params.get(RECURRENT_BIAS + d).assign(0);
        }
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        int steps = (int) input.getShape()[2];
        SDVariable flat = sd.reshape(sd.permute(input, 0, 2, 1), -1, nIn);
        SDVariable[] outputs = new SDVariable[directions().size()];
        for (int d = 0; d < outputs.length; d++) {
            String suffix = directions().get(d);
            // One product for every step's input projection: [batch*time, nIn] x [nIn, 4*units].
            SDVariable projected = sd.reshape(sd.mmul(flat, params.get(INPUT_WEIGHTS + suffix))
                    .add(params.get(INPUT_BIAS + suffix)), -1, steps, (long) GATES * units);
            SDVariable[] inputGates = sd.unstack(projected, 1, steps);
            SDVariable[] states = new SDVariable[steps];
            SDVariable h = null;
            SDVariable c = null;
            for (int k = 0; k < steps; k++) {
                int t = suffix.isEmpty() ? k : steps - 1 - k;
                SDVariable recurrentBias = params.get(RECURRENT_BIAS + suffix);
                // The initial state is zero, so the first step's recurrent projection is the recurrent bias alone.
                SDVariable recurrentProjection = h == null ? recurrentBias
                        : sd.mmul(h, params.get(RECURRENT_WEIGHTS + suffix)).add(recurrentBias);
                SDVariable[] gate = sd.unstack(sd.reshape(inputGates[t].add(recurrentProjection), -1, GATES, units),
                        1, GATES);
                SDVariable cell = sd.nn().sigmoid(gate[0]).mul(sd.math().tanh(gate[2]));
                // Every unstacked gate is used (see GruLayer), so the first step's forget gate meets a zero cell.
                SDVariable previous = c == null ? sd.zerosLike(cell) : c;
                c = sd.nn().sigmoid(gate[1]).mul(previous).add(cell);
                h = sd.nn().sigmoid(gate[3]).mul(sd.math().tanh(c));
                states[t] = h;
            }
            outputs[d] = sd.stack(2, states);
        }
        return outputs.length == 1 ? outputs[0] : sd.concat(1, outputs);
    }

    private static InputType.InputTypeRecurrent recurrent(InputType inputType) {
        if (inputType instanceof InputType.InputTypeRecurrent r) {
            return r;
        }
        throw unsupported(inputType);
    }

    private static IllegalArgumentException unsupported(InputType inputType) {
        return new IllegalArgumentException("LSTM layer: expected a recurrent [batch, features, time] input in NCW or "
                + "an NCHW feature map [batch, channels, height, time], got " + inputType);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LstmLayer other && super.equals(o)
                && nIn == other.nIn && units == other.units && bidirectional == other.bidirectional;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn, units, bidirectional);
    }

    /** Builds an {@link LstmLayer}; {@code units} is required, {@code nIn} is usually inferred from the input type. */
    public static final class Builder extends SameDiffLayer.Builder<Builder> {
        private long nIn;
        private int units;
        private boolean bidirectional;

        /** Width of each direction's hidden state. */
        public Builder units(int units) {
            this.units = units;
            return this;
        }

        /** True to run a second LSTM from the sequence's end and concatenate its states after the forward ones. */
        public Builder bidirectional(boolean bidirectional) {
            this.bidirectional = bidirectional;
            return this;
        }

        @Override
        public LstmLayer build() {
            if (units <= 0) {
                throw new IllegalArgumentException("LSTM layer: units must be positive, got " + units);
            }
            return new LstmLayer(this);
        }
    }
}
