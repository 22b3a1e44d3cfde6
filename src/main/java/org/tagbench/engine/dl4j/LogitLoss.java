package org.tagbench.engine.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A loss computed from the logits of DL4J's output layer (activation identity), stable where DL4J's own losses,
 * which take probabilities, are not: a subclass gives each row's score and the gradient with respect to the
 * logits; DL4J averages the rows. Label masks are refused: every example has its whole target.
 */
abstract class LogitLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    /** Each row's loss, [rows, 1], from logits {@code x}. */
    abstract INDArray rowScores(INDArray labels, INDArray x);

    /** The gradient of the summed row scores with respect to logits {@code x}. */
    abstract INDArray logitGradient(INDArray labels, INDArray x);

    @Override
    public final double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                                     boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / labels.size(0) : sum;
    }

    @Override
    public final INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn,
                                            INDArray mask) {
        requireNoMask(mask);
        return rowScores(labels, activationFn.getActivation(preOutput.dup(), true));
    }

    @Override
    public final INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn,
                                          INDArray mask) {
        requireNoMask(mask);
        INDArray x = activationFn.getActivation(preOutput.dup(), true);
        return activationFn.backprop(preOutput.dup(), logitGradient(labels, x)).getFirst();
    }

    @Override
    public final Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                                IActivation activationFn, INDArray mask,
                                                                boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public final String name() {
        return getClass().getSimpleName();
    }

    @Override
    public final String toString() {
        return name() + "()";
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode();
    }

    private void requireNoMask(INDArray mask) {
        if (mask != null) {
            throw new UnsupportedOperationException(name() + ": label masks are not supported");
        }
    }
}
