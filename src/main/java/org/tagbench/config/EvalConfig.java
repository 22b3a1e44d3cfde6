package org.tagbench.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Evaluation: a track's score is the mean over {@code chunks} evenly spaced chunks (default 16). The validation after
 * each epoch, which only picks the best epoch, may take fewer, {@code valid_chunks} (default: {@code chunks}); the
 * metrics a run reports always use {@code chunks}. Left out of the canonical config while it equals {@code chunks},
 * so that configs written before it existed keep their hash.
 */
public record EvalConfig(int chunks, @JsonInclude(JsonInclude.Include.NON_NULL) Integer validChunks) {

    /** Requires at least one chunk of each. */
    public EvalConfig {
        Require.positive("chunks", chunks);
        if (validChunks != null) {
            Require.positive("valid_chunks", validChunks);
            if (validChunks == chunks) {
                validChunks = null;
            }
        }
    }

    /** {@code chunks} chunks per track, validation included. */
    public EvalConfig(int chunks) {
        this(chunks, null);
    }

    /** The chunks per track of the validation after each epoch. */
    public int epochValidationChunks() {
        return validChunks == null ? chunks : validChunks;
    }
}
