package org.tagbench.engine.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy from logits for DL4J's output layer (activation identity), which DL4J M2.1 lacks: its
 * LossBinaryXENT takes probabilities and, fed logits, is neither this loss nor stable. Per value, for logit x and
 * label z, max(x, 0) - x z + log(1 + exp(-|x|)) (never overflows), with gradient sigmoid(x) - z; a row's score is
 * the mean over its tags, so that DL4J's mean over rows makes the loss the mean over every value, as PyTorch's
 * BCEWithLogitsLoss and Keras's binary_crossentropy have it.
 */
public final class LogitBinaryCrossEntropy extends LogitLoss {
    private static final long serialVersionUID = 1L;

    /** Each row's mean loss over its tags, [rows, 1]. */
    @Override
    INDArray rowScores(INDArray labels, INDArray x) {
        INDArray softplus = Transforms.log1p(Transforms.exp(Transforms.abs(x, true).negi(), false), false);
        INDArray loss = Transforms.relu(x, true).subi(x.mul(labels)).addi(softplus);
        return loss.sum(true, 1).divi(labels.size(1));
    }

    @Override
    INDArray logitGradient(INDArray labels, INDArray x) {
        return Transforms.sigmoid(x, false).subi(labels).divi(labels.size(1));
    }
}
