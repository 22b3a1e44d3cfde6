package org.tagbench.config;

/** What a probe fits on embeddings: a linear classifier, or one hidden layer before it. */
public enum ProbeKind {
    /** Logistic regression: one-vs-rest sigmoids, one per tag, or a softmax over the classes (multiclass task). */
    LOGISTIC,
    /** A one-hidden-layer perceptron (ReLU) with sigmoid outputs, or a softmax output (multiclass task). */
    MLP
}
