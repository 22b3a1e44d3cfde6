package org.tagbench.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * One experiment, resolved: every default filled in and every value checked. Built by {@link ConfigLoader#load};
 * its canonical JSON ({@link ConfigLoader#canonicalJson}) is what a run record stores. {@code task} (default
 * multilabel) is left out of that JSON while it is the default (see {@link TaskName}).
 */
public record ExperimentConfig(String name, long seed, DataConfig data, FeatureConfig features, ModelConfig model,
                               TrainingConfig training, EvalConfig eval, PipelineConfig pipeline,
                               ResultsConfig results,
                               @JsonInclude(value = JsonInclude.Include.CUSTOM,
                                       valueFilter = TaskName.DefaultFilter.class) TaskName task) {

    /**
     * Checks the name, which becomes part of run-record file names, that the features feed what the architecture
     * eats (a waveform architecture needs {@code features.frontend: none}, a log-mel one refuses it), that the
     * loss trains the task, and that SpecAugment has a log-mel to mask in the input workers ({@code features.frontend: cpu}).
     */
    public ExperimentConfig {
        if (name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new ConfigException("name", Require.quoted(name)
                    + " is not a run name (expected a non-empty name without / or \\)");
        }
        boolean waveform = features.frontend() == FrontEndPlacement.NONE;
        if (model.arch().eatsWaveform() != waveform) {
            throw new ConfigException("features.frontend", features.frontend().name().toLowerCase(Locale.ROOT)
                    + (waveform ? " feeds the waveform, but " + model.arch() + " eats a log-mel spectrogram"
                    + " (expected cpu or network)" : " computes a log-mel spectrogram, but " + model.arch()
                    + " eats the raw waveform (expected none)"));
        }
        if (training.loss().task() != task) {
            throw new ConfigException("training.loss", training.loss().configName() + " trains a "
                    + training.loss().task().configName() + " task, but task is " + task.configName() + " (expected "
                    + (task == TaskName.MULTICLASS ? "cross-entropy" : "bce or mse") + ")");
        }
        if (training.augment().specAugment().masks() && features.frontend() != FrontEndPlacement.CPU) {
            throw new ConfigException("training.augment.spec_augment", "masks the log-mel in the input workers, but"
                    + " features.frontend: " + features.frontend().name().toLowerCase(Locale.ROOT) + " feeds them the"
                    + " waveform (expected features.frontend: cpu, or time_masks and freq_masks 0)");
        }
    }

    /** This experiment read through {@code newPipeline}, which changes no number and so not the experiment. */
    public ExperimentConfig withPipeline(PipelineConfig newPipeline) {
        return new ExperimentConfig(name, seed, data, features, model, training, eval, newPipeline, results, task);
    }
}
