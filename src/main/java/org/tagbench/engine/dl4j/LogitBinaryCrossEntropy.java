package org.tagbench.engine.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy from logits for DL4J's output layer (activation identity), which DL4J M2.1 lacks: its
 * LossBinaryXENT takes probabilities and, fed logits, is neither this loss nor stable. Per value, for logit x and
 * label z, max(x, 0) - x z + log(1 + exp(-|x|)) (never overflows), with gradient sigmoid(x) - z; a row's score is
 * the mean over its tags, so that DL4J's mean over rows makes the loss the mean over every value, as PyTorch's
 * BCEWithLogitsLoss and Keras's binary_crossentropy have it.
 */
public final class LogitBinaryCrossEntropy implements ILossFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / labels.size(0) : sum;
    }

    /** Each row's mean loss over its tags, [rows, 1]. */
    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireNoMask(mask);
        INDArray x = activationFn.getActivation(preOutput.dup(), true);
        INDArray softplus = Transforms.log1p(Transforms.exp(Transforms.abs(x, true).negi(), false), false);
        INDArray loss = Transforms.relu(x, true).subi(x.mul(labels)).addi(softplus);
        return loss.sum(true, 1).divi(labels.size(1));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireNoMask(mask);
        INDArray x = activationFn.getActivation(preOutput.dup(), true);
        INDArray dLdx = Transforms.sigmoid(x, false).subi(labels).divi(labels.size(1));
        return activationFn.backprop(preOutput.dup(), dLdx).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "LogitBinaryCrossEntropy";
    }

    @Override
    public String toString() {
        return name() + "()";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogitBinaryCrossEntropy;
    }

    @Override
    public int hashCode() {
        return LogitBinaryCrossEntropy.class.hashCode();
    }

    /** Every example of a tagging batch has all its tags: there is nothing to mask. */
    private static void requireNoMask(INDArray mask) {
        if (mask != null) {
            throw new UnsupportedOperationException("LogitBinaryCrossEntropy: label masks are not supported");
        }
    }
}
