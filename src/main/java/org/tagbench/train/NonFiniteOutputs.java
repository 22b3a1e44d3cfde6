package org.tagbench.train;

/** A network put out NaN (its weights diverged) while it was being evaluated, so no metric can be computed. */
final class NonFiniteOutputs extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** NaN outputs on the tracks of split {@code split}. */
    NonFiniteOutputs(String split) {
        super("the network put out NaN on the " + split + " split");
    }
}
