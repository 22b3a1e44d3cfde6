package org.tagbench.engine.dl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The working side of {@link MelFrontEndLayer}: log-mel of each row of raw PCM, as the network's activations. */
final class MelFrontEndLayerRuntime extends AbstractLayer<MelFrontEndLayer> {
    private final DeviceMelSpectrogram mel;

    /** The layer for {@code conf}, its DFT basis and filterbank built once. */
    MelFrontEndLayerRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        // The basis and filterbank live as long as the layer, so they must not land in a workspace that is open now.
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            this.mel = new DeviceMelSpectrogram(layerConf().features());
        }
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        long batch = input.size(0);
        // [batch, samples], [batch, 1, samples] and [batch, samples, 1] all hold each row's samples contiguously.
        INDArray logMel = mel.compute(input.reshape(batch, input.length() / batch));
        INDArray images = logMel.reshape(batch, 1, logMel.size(1), logMel.size(2)).castTo(dataType);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, images);
    }

    /**
     * No parameters, so an empty gradient; and no gradient for the input (null, as DL4J's embedding layers return):
     * this is the first layer and its input is audio, which nothing upstream learns.
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        return new Pair<>(new DefaultGradient(), null);
    }

    @Override
    public double calcRegularizationScore(boolean backpropOnlyParams) {
        return 0;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // No parameters, so no noisy copies of them.
    }

    @Override
    public INDArray params() {
        return null;
    }
}
