package org.tagbench.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
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
    // A run folder is named date-time, name and config hash (30 bytes besides the name); file systems allow 255
    // bytes, and a sweep's cells add their values to the name.
    private static final int MAX_NAME_BYTES = 120;

    /**
     * Checks the name, which becomes part of run-record file names, that the generated dataset is rendered at a rate
     * that holds its sounds, that the features feed what the architecture eats (a waveform architecture needs
     * {@code features.frontend: none}, a log-mel one refuses it), that the loss trains the task, and that
     * SpecAugment has a log-mel to mask in the input workers ({@code features.frontend: cpu}).
     */
    public ExperimentConfig {
        if (name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new ConfigException("name", Require.quoted(name)
                    + " is not a run name (expected a non-empty name without / or \\)");
        }
        int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes > MAX_NAME_BYTES) {
            throw new ConfigException("name", "a name of " + nameBytes + " bytes is too long for the run folder it"
                    + " names (expected at most " + MAX_NAME_BYTES + " bytes in UTF-8)");
        }
        boolean waveform = features.frontend() == FrontEndPlacement.NONE;
        if (model.arch().eatsWaveform() != waveform) {
            throw new ConfigException("features.frontend", features.frontend().name().toLowerCase(Locale.ROOT)
                    + (waveform ? " feeds the waveform, but " + model.arch() + " eats a log-mel spectrogram"
                    + " (expected cpu or network)" : " computes a log-mel spectrogram, but " + model.arch()
                    + " eats the raw waveform (expected none)"));
        }
        if (data instanceof SyntheticDataConfig && features.sampleRate() < SyntheticDataConfig.MIN_SAMPLE_RATE) {
            throw new ConfigException("features.sample_rate", features.sampleRate() + " Hz is below the "
                    + SyntheticDataConfig.MIN_SAMPLE_RATE + " Hz the generated dataset is rendered at least at (its"
                    + " hi-hat and hiss lie above 3 kHz)");
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
