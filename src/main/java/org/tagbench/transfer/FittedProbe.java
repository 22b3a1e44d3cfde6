package org.tagbench.transfer;

/** A probe fitted on standardised embeddings: {@link LogisticProbe} or {@link MlpProbe}. */
interface FittedProbe {
    /** The score of each tag (a probability) for each row of {@code x}. */
    double[][] scores(double[][] x);
}
