package org.tagbench.engine.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Categorical cross-entropy from logits for DL4J's output layer (activation identity): DL4J's LossMCXENT takes
 * softmax probabilities and clips them, so it is not stable for confident logits. Per row, for logits x and target
 * distribution z, sum_k z_k (logsumexp(x) - x_k), with logsumexp taken after subtracting the row's maximum (never
 * overflows); gradient softmax(x) sum(z) - z. DL4J's mean over rows makes the loss PyTorch's CrossEntropyLoss with
 * probability targets.
 */
public final class LogitCrossEntropy implements ILossFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / labels.size(0) : sum;
    }

    /** Each row's cross-entropy, [rows, 1]. */
    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireNoMask(mask);
        INDArray x = activationFn.getActivation(preOutput.dup(), true);
        INDArray max = x.max(true, 1);
        INDArray logSumExp = Transforms.log(Transforms.exp(x.subColumnVector(max), false).sum(true, 1), false)
                .addi(max);
        return labels.mul(x.rsubColumnVector(logSumExp)).sum(true, 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireNoMask(mask);
        INDArray x = activationFn.getActivation(preOutput.dup(), true);
        INDArray dLdx = Transforms.softmax(x, false).muliColumnVector(labels.sum(true, 1)).subi(labels);
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
        return "LogitCrossEntropy";
    }

    @Override
    public String toString() {
        return name() + "()";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogitCrossEntropy;
    }

    @Override
    public int hashCode() {
        return LogitCrossEntropy.class.hashCode();
    }

    /** Every example of a batch has its whole target: there is nothing to mask. */
    private static void requireNoMask(INDArray mask) {
        if (mask != null) {
            throw new UnsupportedOperationException("LogitCrossEntropy: label masks are not supported");
        }
    }
}
