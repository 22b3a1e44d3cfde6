package org.tagbench.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;
import org.tagbench.model.Architecture;

/**
 * Every default of the experiment config, in one place and in the config's own words. A key that is absent or
 * null takes its default (the architecture's own where it has one); only {@code data.dataset} and
 * {@code model.arch} have none.
 */
final class Defaults {
    private static final ObjectNode COMMON = parse("""
            seed: 42
            task: multilabel
            data:
              chunk_seconds: 3.0
            features:
              sample_rate: 12000
              n_fft: 512
              hop_length: 256
              window: hann
              center: true
              pad_mode: reflect
              n_mels: 96
              fmin: 0.0
              mel_scale: slaney
              norm: slaney
              power: 2.0
              scale: db
              ref: 1.0
              amin: 1.0e-10
              log1p_c: 10000.0
              frontend: cpu
              trainable: false
              trainable_dft: false
            model:
              params: 100k
            training:
              engine: pytorch
              batch_size: 16
              max_epochs: 20
              optimizer:
                name: adam
                lr: 0.001
                beta1: 0.9
                beta2: 0.999
                weight_decay: 0.0
                momentum: 0.9
                nesterov: true
              schedule:
                name: none
                step_epochs: 10
                factor: 0.1
                patience: 3
                min_lr: 1.0e-6
                adam_epochs: 80
                sgd_epochs: 20
                sgd_lr: 0.001
                drops: 2
              early_stopping:
                monitor: roc_auc
                patience: 10
              checkpoint_steps: 0
              augment:
                gain_db: {min: 0.0, max: 0.0}
                pitch_semitones: {min: 0.0, max: 0.0}
                stretch_rate: {min: 1.0, max: 1.0}
                mixup_alpha: 0.0
                spec_augment: {time_masks: 0, time_width: 70, freq_masks: 0, freq_width: 15, fill: mean}
            eval:
              chunks: 16
            pipeline:
              workers: 0
              prefetch: 8
              pcm_cache: true
            results:
              dir: results
              heartbeat_seconds: 30
            """);
    /** Each dataset reader's own keys, merged under {@code data} when {@code data.dataset} names the reader. */
    private static final ObjectNode PER_DATASET = parse("""
            synthetic:
              clips: 300
              clip_seconds: 5.0
              seed: 42
              difficulty: standard
            msd-choi:
              layout: seven_digital
            msd-lee:
              layout: seven_digital
              train_size: 201680
            mtat:
              split: folders
              top_tags: 50
            """);

    /**
     * Each architecture's own defaults, its paper's input, merged over {@link #COMMON} when {@code model.arch} names
     * it: a value the config sets still wins, and the resolved config (so the experiment key) records the value
     * used. Choi et al. 2017's four have none, so their configs resolve as before. FCN and the short-chunk CNN take
     * the sota-music-tagging-models repo's front end (torchaudio's MelSpectrogram defaults: HTK mel scale, filters
     * unnormalised, 16 kHz, hop n_fft/2) and input lengths: 29 s (464,000 samples) and 59,049 samples (3.69 s), as
     * the short-chunk ResNet does; the sample-level CNN takes those 59,049 samples as they are (no front end),
     * bilstm-attn keeps Choi's front end with 5 s chunks, and musicnn takes the repo's front end with 96 mels and its
     * 3 s input (48,000 samples).
     */
    private static final ObjectNode PER_ARCHITECTURE = withSotaFrontEnd(parse("""
            fcn:
              data:
                chunk_seconds: 29.0
              features:
                n_mels: 96
            shortchunk:
              data:
                chunk_seconds: 3.6905625
              features:
                n_mels: 128
            shortchunk-res:
              data:
                chunk_seconds: 3.6905625
              features:
                n_mels: 128
            samplecnn:
              data:
                chunk_seconds: 3.6905625
              features:
                sample_rate: 16000
                frontend: none
            bilstm-attn:
              data:
                chunk_seconds: 5.0
            musicnn:
              data:
                chunk_seconds: 3.0
              features:
                n_mels: 96
            """));
    /** The sota repo's log-mel (torchaudio's MelSpectrogram defaults), under every entry above that has n_mels. */
    private static final String SOTA_FRONT_END = """
            sample_rate: 16000
            n_fft: 512
            hop_length: 256
            mel_scale: htk
            norm: none
            """;

    private Defaults() {
    }

    private static ObjectNode withSotaFrontEnd(ObjectNode perArchitecture) {
        for (JsonNode own : perArchitecture) {
            if (own.path("features").has("n_mels")) {
                ((ObjectNode) own).set("features", DeepMerge.merge(parse(SOTA_FRONT_END), (ObjectNode) own.get("features")));
            }
        }
        return perArchitecture;
    }

    /**
     * A new tree of {@code config} with every default filled in; {@code name} defaults to {@code defaultName}
     * (the config file's base name), {@code features.win_length} to n_fft and {@code features.fmax} to
     * sample_rate/2.
     */
    static ObjectNode fill(ObjectNode config, String defaultName) {
        ObjectNode base = COMMON.deepCopy().put("name", defaultName);
        if (architectureDefaults(config) instanceof ObjectNode own) {
            base = DeepMerge.merge(base, own);
        }
        // Its own constant, so that choosing the default conventions is a one-word change.
        ((ObjectNode) base.get("training")).put("conventions", ConventionsName.DEFAULT.configName());
        ObjectNode filled = DeepMerge.merge(base, withoutNulls(config));
        if (filled.get("training") instanceof ObjectNode training && !training.has("loss")) {
            // The task's own loss; a task that is not one is left for binding to report.
            TaskName task = Arrays.stream(TaskName.values())
                    .filter(t -> t.configName().equalsIgnoreCase(filled.path("task").asText()))
                    .findFirst().orElse(TaskName.DEFAULT);
            training.put("loss", LossName.defaultFor(task).configName());
        }
        if (filled.get("data") instanceof ObjectNode data
                && PER_DATASET.get(data.path(DataConfig.SELECTOR).asText()) instanceof ObjectNode own) {
            filled.set("data", DeepMerge.merge(own, data));
        }
        if (filled.get("features") instanceof ObjectNode features) {
            // librosa's derived defaults. A malformed n_fft or sample_rate fails binding before these are read.
            if (!features.has("win_length")) {
                features.set("win_length", features.get("n_fft"));
            }
            if (!features.has("fmax")) {
                features.put("fmax", features.get("sample_rate").asDouble() / 2);
            }
        }
        return filled;
    }

    /** A probe config's defaults besides those of its data, pipeline and results sections (shared with runs). */
    private static final ObjectNode PROBE = parse("""
            probe:
              kind: logistic
              l2: [0.01, 0.1, 1.0, 10.0, 100.0, 1000.0]
              hidden: 64
              epochs: 300
              lr: 0.01
            """);

    /**
     * A new tree of the probe config {@code config} with every default filled in: {@code name} (the file's base
     * name), {@code seed}, {@code task}, the probe's, and the data, pipeline and results defaults a run config has.
     */
    static ObjectNode fillProbe(ObjectNode config, String defaultName) {
        ObjectNode base = PROBE.deepCopy().put("name", defaultName);
        base.set("seed", COMMON.get("seed"));
        base.set("task", COMMON.get("task"));
        for (String section : new String[] {"data", "pipeline", "results"}) {
            base.set(section, COMMON.get(section).deepCopy());
        }
        ObjectNode filled = DeepMerge.merge(base, withoutNulls(config));
        if (filled.get("data") instanceof ObjectNode data
                && PER_DATASET.get(data.path(DataConfig.SELECTOR).asText()) instanceof ObjectNode own) {
            filled.set("data", DeepMerge.merge(own, data));
        }
        return filled;
    }

    /** True if {@code arch} has defaults of its own (its paper's input), false if it takes only the common ones. */
    static boolean hasOwn(Architecture arch) {
        return PER_ARCHITECTURE.has(arch.configName());
    }

    /** The defaults of the architecture {@code model.arch} names (by name or alias), if it has any. */
    private static JsonNode architectureDefaults(ObjectNode config) {
        // A missing or unknown architecture has none here; binding reports it.
        return Architecture.byName(config.path("model").path("arch").asText(""))
                .map(arch -> PER_ARCHITECTURE.get(arch.configName()))
                .orElse(null);
    }

    private static ObjectNode withoutNulls(ObjectNode tree) {
        ObjectNode kept = tree.objectNode();
        for (Map.Entry<String, JsonNode> entry : tree.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isNull()) {
                kept.set(entry.getKey(), value instanceof ObjectNode section ? withoutNulls(section) : value);
            }
        }
        return kept;
    }

    private static ObjectNode parse(String yaml) {
        try {
            return (ObjectNode) ConfigMapper.MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the built-in defaults are not valid YAML", e);
        }
    }
}
