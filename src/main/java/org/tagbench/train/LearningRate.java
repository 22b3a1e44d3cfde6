package org.tagbench.train;

/**
 * Where a learning-rate schedule stands: the optimizer in use ({@code adam} or {@code sgd}), its rate, the
 * epochs counted in the current phase (epochs since the last change, or since the last improvement for
 * {@code plateau}), and how many drops were made.
 */
public record LearningRate(String optimizer, double lr, int phaseEpochs, int drops) {

    /** The same schedule position at rate {@code newLr}. */
    LearningRate withLr(double newLr) {
        return new LearningRate(optimizer, newLr, phaseEpochs, drops);
    }
}
