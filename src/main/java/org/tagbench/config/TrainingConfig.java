package org.tagbench.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The training loop: clips per batch (default 16), at most {@code max_epochs} epochs (default 20), the optimizer,
 * its learning-rate schedule, early stopping, and a checkpoint every {@code checkpoint_steps} steps besides the
 * one after every epoch (default 0: epochs only), on {@code engine} ({@code dl4j} or {@code pytorch}), following
 * {@code conventions} ({@code pytorch}, {@code keras} or {@code dl4j}: initialisation, batch norm, Adam's epsilon
 * and the loss form; default {@link ConventionsName#DEFAULT}), minimising {@code loss} ({@link LossName}: {@code bce},
 * the default of a multilabel task and left out of the canonical config then; {@code cross-entropy}, a multiclass
 * task's; {@code mse}), with the training clips augmented as {@code augment} says (default: not at all; left out
 * of the canonical config while it does nothing).
 */
public record TrainingConfig(EngineName engine, ConventionsName conventions, int batchSize, int maxEpochs,
                             OptimizerConfig optimizer, ScheduleConfig schedule, EarlyStoppingConfig earlyStopping,
                             int checkpointSteps,
                             @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = LossName.BceFilter.class)
                             LossName loss,
                             @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = AugmentConfig.Off.class)
                             AugmentConfig augment) {

    /** Requires a positive batch size and epoch count. */
    public TrainingConfig {
        Require.positive("batch_size", batchSize);
        Require.positive("max_epochs", maxEpochs);
        Require.atLeast("checkpoint_steps", checkpointSteps, 0);
    }
}
