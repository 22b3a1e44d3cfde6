package org.tagbench.engine.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Categorical cross-entropy from logits for DL4J's output layer (activation identity): DL4J's LossMCXENT takes
 * softmax probabilities and clips them, so it is not stable for confident logits. Per row, for logits x and target
 * distribution z, sum_k z_k (logsumexp(x) - x_k), with logsumexp taken after subtracting the row's maximum (never
 * overflows); gradient softmax(x) sum(z) - z. DL4J's mean over rows makes the loss PyTorch's CrossEntropyLoss with
 * probability targets.
 */
public final class LogitCrossEntropy extends LogitLoss {
    private static final long serialVersionUID = 1L;

    /** Each row's cross-entropy, [rows, 1]. */
    @Override
    INDArray rowScores(INDArray labels, INDArray x) {
        INDArray max = x.max(true, 1);
        INDArray logSumExp = Transforms.log(Transforms.exp(x.subColumnVector(max), false).sum(true, 1), false)
                .addi(max);
        return labels.mul(x.rsubColumnVector(logSumExp)).sum(true, 1);
    }

    @Override
    INDArray logitGradient(INDArray labels, INDArray x) {
        return Transforms.softmax(x, false).muliColumnVector(labels.sum(true, 1)).subi(labels);
    }
}
