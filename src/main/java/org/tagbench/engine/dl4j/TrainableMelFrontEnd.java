package org.tagbench.engine.dl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The working side of a trainable {@link MelFrontEndLayer}: log-mel of each row of raw PCM through the layer's own
 * filterbank (and DFT basis, with {@code trainable_dft}), whose gradients it computes by hand
 * ({@link DeviceMelSpectrogram#gradients}); the spectra are computed again in the backward pass rather than kept, so
 * that nothing outlives the workspace it was made in.
 */
final class TrainableMelFrontEnd extends BaseLayer<MelFrontEndLayer> {
    private final DeviceMelSpectrogram mel;

    /** The layer for {@code conf}, its DFT basis built once. */
    TrainableMelFrontEnd(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        // The basis lives as long as the layer, so it must not land in a workspace that is open now.
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            this.mel = new DeviceMelSpectrogram(layerConf().features());
        }
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        long batch = input.size(0);
        INDArray logMel = mel.compute(signals(), getParam(TrainableFrontEndParams.FILTERBANK), basis());
        INDArray images = logMel.reshape(batch, 1, logMel.size(1), logMel.size(2)).castTo(dataType);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, images);
    }

    /** The gradients of the filterbank and the DFT basis (if it trains); none for the input, which is audio. */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        DeviceMelSpectrogram.Gradients computed = mel.gradients(signals(),
                getParam(TrainableFrontEndParams.FILTERBANK), basis(), epsilon);
        Gradient gradient = new DefaultGradient();
        put(gradient, TrainableFrontEndParams.FILTERBANK, computed.filterbank());
        if (computed.dftBasis() != null) {
            put(gradient, TrainableFrontEndParams.DFT_BASIS, computed.dftBasis());
        }
        return new Pair<>(gradient, null);
    }

    /** Writes {@code values} into the gradient view of {@code key} and hands the view to {@code gradient}. */
    private void put(Gradient gradient, String key, INDArray values) {
        INDArray view = gradientViews.get(key);
        view.assign(values.castTo(view.dataType()));
        gradient.gradientForVariable().put(key, view);
    }

    /** The trainable DFT basis, or null when the layer's DFT is fixed. */
    private INDArray basis() {
        return layerConf().features().trainableDft() ? getParam(TrainableFrontEndParams.DFT_BASIS) : null;
    }

    /** The input as [batch, samples]: every accepted input shape holds each row's samples contiguously. */
    private INDArray signals() {
        long batch = input.size(0);
        return input.reshape(batch, input.length() / batch);
    }
}
