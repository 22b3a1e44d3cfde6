package org.tagbench.config;

/** What a probe fits on embeddings: a linear classifier, or one hidden layer before it. */
public enum ProbeKind {
    /** Logistic regression: one-vs-rest sigmoids, one per tag, each with its intercept. */
    LOGISTIC,
    /** A one-hidden-layer perceptron (ReLU) with sigmoid outputs. */
    MLP
}
