package org.tagbench.engine.dl4j;

import java.util.Arrays;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A SameDiff layer over whole sequences [batch, nIn, time] (NCW) that runs as a {@link CorrectedSameDiffLayer}:
 * what the GRU, the LSTM and attention pooling share. Masks are refused: every sequence in a batch has the same
 * length.
 */
public abstract class SequenceLayer extends SameDiffLayer {
    /** A layer configured by {@code builder}. */
    protected SequenceLayer(SameDiffLayer.Builder<?> builder) {
        super(builder);
    }

    /** For DL4J's JSON mapper, through the subclasses' own no-argument constructors. */
    protected SequenceLayer() {
    }

    /** Input features per time step (set from the previous layer when the network's input type is given). */
    public abstract long nIn();

    /** The layer's name in error messages, e.g. {@code GRU layer}. */
    protected abstract String kind();

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState state, int minibatchSize) {
        if (maskArray != null) {
            throw new UnsupportedOperationException(kind() + ": masked (variable-length) sequences are not supported");
        }
        return new Pair<>(null, state);
    }

    @Override
    public void validateInput(INDArray input) {
        if (input.rank() != 3 || input.size(1) != nIn()) {
            throw new IllegalArgumentException(kind() + ": expected input [batch, " + nIn() + ", time], got "
                    + Arrays.toString(input.shape()));
        }
    }

    /** Instantiates the runtime layer that corrects M2.1's doubled SameDiff gradients. */
    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        CorrectedSameDiffLayer layer = new CorrectedSameDiffLayer(conf, dataType);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
