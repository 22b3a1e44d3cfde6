package org.tagbench.config;

/** Evaluation: a track's score is the mean over {@code chunks} evenly spaced chunks (default 16). */
public record EvalConfig(int chunks) {

    /** Requires at least one chunk. */
    public EvalConfig {
        Require.positive("chunks", chunks);
    }
}
