package org.tagbench.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The training loss ({@code training.loss}); {@code org.tagbench.engine.TrainingConventions} carries it to the
 * engines. Left out of the canonical config while it is {@link #BCE}, the loss of every run before losses could be
 * chosen, so that those configs keep their experiment keys.
 */
public enum LossName {
    /** Binary cross-entropy per tag on sigmoid outputs (a multilabel task's default). */
    BCE(TaskName.MULTILABEL),
    /** Categorical cross-entropy on softmax outputs, computed from the logits (a multiclass task's). */
    CROSS_ENTROPY(TaskName.MULTICLASS),
    /** Mean squared error of the sigmoid outputs, for soft labels in [0, 1] (a multilabel task). */
    MSE(TaskName.MULTILABEL);

    private final TaskName task;

    LossName(TaskName task) {
        this.task = task;
    }

    /** The task this loss trains. */
    public TaskName task() {
        return task;
    }

    /** What a config of {@code task} that names no loss gets. */
    public static LossName defaultFor(TaskName task) {
        return task == TaskName.MULTICLASS ? CROSS_ENTROPY : BCE;
    }

    /** The name as a config writes it ({@code cross-entropy}). */
    @JsonValue
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The loss a config names (any case), or a config error listing the known losses. */
    @JsonCreator
    public static LossName of(String name) {
        return Arrays.stream(values()).filter(l -> l.configName().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new ConfigException("", Require.quoted(name) + " is not a loss (expected "
                        + Arrays.stream(values()).map(LossName::configName).collect(Collectors.joining(", "))
                        + ")"));
    }

    /** Jackson's inclusion filter for the canonical config: "equal" to (so leaving out) {@link #BCE}. */
    static final class BceFilter {
        @Override
        public boolean equals(Object value) {
            return value == BCE;
        }

        @Override
        public int hashCode() {
            return BCE.hashCode();
        }
    }
}
