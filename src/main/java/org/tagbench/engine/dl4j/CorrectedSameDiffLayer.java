package org.tagbench.engine.dl4j;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's runtime layer for a SameDiff custom layer, with two corrections for 1.0.0-M2.1: its parameter gradients
 * and the epsilon it passes down come out exactly twice the true values (so they are halved here; the gradient
 * check tests guard this), and its graph is fixed to the first input's shape (so it is rebuilt when the
 * non-batch shape changes, e.g. a sequence of another length).
 */
final class CorrectedSameDiffLayer extends SameDiffLayer {
    private long[] builtShape;

    CorrectedSameDiffLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        rebuildIfShapeChanged();
        return super.activate(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        rebuildIfShapeChanged();
        Pair<Gradient, INDArray> doubled = super.backpropGradient(epsilon, workspaceMgr);
        // The gradient arrays are views of the network's flattened gradient, so halving them in place suffices.
        doubled.getFirst().gradientForVariable().values().forEach(g -> g.muli(0.5));
        doubled.getSecond().muli(0.5);
        return doubled;
    }

    private void rebuildIfShapeChanged() {
        if (input == null) {
            return; // the parent reports the missing input
        }
        long[] shape = input.shape();
        long[] perExample = Arrays.copyOfRange(shape, 1, shape.length);
        if (builtShape != null && !Arrays.equals(builtShape, perExample)) {
            sameDiff = null;
        }
        builtShape = perExample;
    }
}
