package org.tagbench.config;

/** The training loop: clips per batch (default 16), epochs (default 20) and the optimizer. */
public record TrainingConfig(int batchSize, int maxEpochs, OptimizerConfig optimizer) {

    /** Requires a positive batch size and epoch count. */
    public TrainingConfig {
        Require.positive("batch_size", batchSize);
        Require.positive("max_epochs", maxEpochs);
    }
}
