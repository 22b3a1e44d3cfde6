package org.tagbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tagbench.model.Architecture;

class ConfigLoaderTest extends ConfigFolderTest {
    private static final String MINIMAL_CANONICAL = "{\"data\":{\"chunk_seconds\":3.0,\"clip_seconds\":5.0,"
            + "\"clips\":300,\"dataset\":\"synthetic\",\"difficulty\":\"standard\",\"root\":null,\"seed\":42},\"eval\":{\"chunks\":16},"
            + "\"features\":{\"amin\":1.0E-10,\"center\":true,\"fmax\":6000.0,\"fmin\":0.0,\"frontend\":\"cpu\","
            + "\"hop_length\":256,\"log1p_c\":10000.0,\"mel_scale\":\"slaney\",\"n_fft\":512,\"n_mels\":96,"
            + "\"norm\":\"slaney\",\"pad_mode\":\"reflect\",\"power\":2.0,\"ref\":1.0,\"sample_rate\":12000,"
            + "\"scale\":\"db\",\"top_db\":null,\"win_length\":512,\"window\":\"hann\"},\"model\":{\"arch\":\"k2c2\","
            + "\"params\":100000},\"name\":\"minimal\","
            + "\"pipeline\":{\"cache_dir\":null,\"pcm_cache\":true,\"prefetch\":8,\"workers\":0},"
            + "\"results\":{\"dir\":\"results\",\"heartbeat_seconds\":30,\"url\":null},\"seed\":42,"
            + "\"training\":{\"batch_size\":16,\"checkpoint_steps\":0,\"conventions\":\"pytorch\","
            + "\"early_stopping\":{\"monitor\":\"roc_auc\",\"patience\":10},\"engine\":\"pytorch\",\"max_epochs\":20,"
            + "\"optimizer\":{\"beta1\":0.9,\"beta2\":0.999,\"lr\":0.001,\"momentum\":0.9,\"name\":\"adam\","
            + "\"nesterov\":true,\"weight_decay\":0.0},\"schedule\":{\"adam_epochs\":80,\"drops\":2,"
            + "\"factor\":0.1,\"min_lr\":1.0E-6,\"name\":\"none\",\"patience\":3,\"sgd_epochs\":20,"
            + "\"sgd_lr\":0.001,\"step_epochs\":10}}}";

    @Test
    void minimalConfigGetsEveryDefault() {
        ExperimentConfig config = ConfigLoader.load(ConfigDir.resource("minimal.yaml"), List.of());

        assertEquals(MINIMAL_CANONICAL, ConfigLoader.canonicalJson(config));
        assertEquals(new SyntheticDataConfig("synthetic", null, 3, 300, 5, 42, SyntheticDifficulty.STANDARD), config.data());
        assertEquals(new FeatureConfig(12000, 512, 512, 256, Window.HANN, true, PadMode.REFLECT, 96, 0, 6000,
                MelScale.SLANEY, MelNorm.SLANEY, 2, AmplitudeScale.DB, 1, 1e-10, null, 10000, FrontEndPlacement.CPU,
                false, false), config.features());
        assertEquals(new ModelConfig(Architecture.K2C2, 100_000), config.model());
        assertEquals(new TrainingConfig(EngineName.PYTORCH, ConventionsName.PYTORCH, 16, 20, OptimizerConfig.adam(0.001),
                new ScheduleConfig("none", 10, 0.1, 3, 1e-6, 80, 20, 0.001, 2),
                new EarlyStoppingConfig("roc_auc", 10), 0, LossName.BCE,
                new AugmentConfig(new UniformRange(0, 0),
                new UniformRange(0, 0), new UniformRange(1, 1), 0, new SpecAugmentConfig(0, 70, 0, 15, MaskFill.MEAN))),
                config.training());
        assertEquals(new EvalConfig(16), config.eval());
        assertEquals(new PipelineConfig(0, 8, true, null), config.pipeline());
        assertEquals(new ResultsConfig(Path.of("results"), null, 30), config.results());
        assertEquals(42, config.seed());
    }

    @Test
    void everyKeyIsReadFromYaml() {
        dir.write("custom.yaml", """
                name: custom-run
                seed: 7
                data: {dataset: synthetic, root: /data/synth, chunk_seconds: 2.5, clips: 40, clip_seconds: 4, seed: 9}
                features:
                  sample_rate: 16000
                  n_fft: 1024
                  win_length: 800
                  hop_length: 320
                  window: hann
                  center: false
                  pad_mode: constant
                  n_mels: 128
                  fmin: 30
                  fmax: 7600
                  mel_scale: htk
                  norm: none
                  power: 1
                  scale: log1p
                  ref: 2.0
                  amin: 1.0e-5
                  top_db: 80
                  log1p_c: 100
                  frontend: network
                model: {arch: conv2d, params: 0.25M}
                training:
                  engine: pytorch
                  conventions: keras
                  batch_size: 8
                  max_epochs: 3
                  optimizer: {name: sgd, lr: 0.01, beta1: 0.8, beta2: 0.99, weight_decay: 1.0e-4, momentum: 0.5,
                              nesterov: true}
                  schedule: {name: adam_then_sgd, step_epochs: 4, factor: 0.5, patience: 2, min_lr: 1.0e-5,
                             adam_epochs: 30, sgd_epochs: 5, sgd_lr: 0.002, drops: 3}
                  early_stopping: {monitor: loss, patience: 0}
                  checkpoint_steps: 50
                  augment:
                    gain_db: {min: -6, max: 3}
                    pitch_semitones: {min: -2, max: 1.5}
                    stretch_rate: {min: 0.8, max: 1.25}
                    mixup_alpha: 0.4
                    spec_augment: {time_masks: 0, time_width: 20, freq_masks: 0, freq_width: 8, fill: zero}
                eval: {chunks: 4}
                pipeline: {workers: 3, prefetch: 2, pcm_cache: false, cache_dir: /tmp/pcm}
                results: {dir: out/runs, url: "jdbc:sqlite:out/store.db", heartbeat_seconds: 5}
                """);

        ExperimentConfig config = dir.load("custom.yaml");

        assertEquals(new ExperimentConfig("custom-run", 7,
                new SyntheticDataConfig("synthetic", Path.of("/data/synth"), 2.5, 40, 4, 9, SyntheticDifficulty.STANDARD),
                new FeatureConfig(16000, 1024, 800, 320, Window.HANN, false, PadMode.CONSTANT, 128, 30, 7600,
                        MelScale.HTK, MelNorm.NONE, 1, AmplitudeScale.LOG1P, 2, 1e-5, 80.0, 100,
                        FrontEndPlacement.NETWORK, false, false),
                new ModelConfig(Architecture.K2C2, 250_000),
                new TrainingConfig(EngineName.PYTORCH, ConventionsName.KERAS, 8, 3, new OptimizerConfig("sgd", 0.01, 0.8, 0.99, 1e-4, 0.5, true),
                        new ScheduleConfig("adam_then_sgd", 4, 0.5, 2, 1e-5, 30, 5, 0.002, 3),
                        new EarlyStoppingConfig("loss", 0), 50, LossName.BCE,
                        new AugmentConfig(new UniformRange(-6, 3),
                        new UniformRange(-2, 1.5), new UniformRange(0.8, 1.25), 0.4,
                        new SpecAugmentConfig(0, 20, 0, 8, MaskFill.ZERO))),
                new EvalConfig(4),
                new PipelineConfig(3, 2, false, Path.of("/tmp/pcm")),
                new ResultsConfig(Path.of("out/runs"), "jdbc:sqlite:out/store.db", 5), TaskName.MULTILABEL), config);
    }

    @Test
    void jsonFileLoadsLikeTheSameYaml() {
        ExperimentConfig yaml = ConfigLoader.load(ConfigDir.resource("full.yaml"), List.of());
        ExperimentConfig json = ConfigLoader.load(ConfigDir.resource("full.json"), List.of());

        assertEquals(yaml, json);
        assertEquals("full", json.name());
    }

    @Test
    void jsonIndentedWithTabsLoads() {
        dir.write("tabs.json", "{\n\t\"data\": {\"dataset\": \"synthetic\"},\n\t\"model\": {\"arch\": \"k2c2\","
                + " \"params\": \"250k\"}\n}\n");

        assertEquals(250_000, dir.load("tabs.json").model().params());
    }

    @Test
    void nameDefaultsToTheFileBaseName() {
        dir.write("sweeps/lr-0.01.yml", ConfigDir.MINIMAL);
        dir.write("named.yaml", "name: chosen\n" + ConfigDir.MINIMAL);

        assertEquals("lr-0.01", dir.load("sweeps/lr-0.01.yml").name());
        assertEquals("chosen", dir.load("named.yaml").name());
    }

    @Test
    void derivedDefaultsFollowTheirKeysUnlessGiven() {
        dir.write("wide.yaml", ConfigDir.MINIMAL + "features: {sample_rate: 22050, n_fft: 2048}\n");
        dir.write("explicit.yaml", ConfigDir.MINIMAL + "features: {n_fft: 2048, win_length: 1024, fmax: 5000}\n");

        FeatureConfig wide = dir.load("wide.yaml").features();
        FeatureConfig explicit = dir.load("explicit.yaml").features();

        assertEquals(2048, wide.winLength());
        assertEquals(11025.0, wide.fmax());
        assertEquals(1024, explicit.winLength());
        assertEquals(5000.0, explicit.fmax());
    }

    @Test
    void nullMeansTheDefault() {
        dir.write("nulls.yaml", ConfigDir.MINIMAL + """
                seed:
                features: {fmax: null, top_db: null, mel_scale: null}
                training: {batch_size: null}
                """);

        ExperimentConfig config = dir.load("nulls.yaml");

        assertEquals(42, config.seed());
        assertEquals(6000.0, config.features().fmax());
        assertNull(config.features().topDb());
        assertEquals(MelScale.SLANEY, config.features().melScale());
        assertEquals(16, config.training().batchSize());
    }

    @Test
    void conventionsDefaultToTheOneConstantAndAreReadByName() {
        dir.write("keras.yaml", ConfigDir.MINIMAL + "training: {conventions: Keras}\n");

        assertEquals(ConventionsName.DEFAULT, ConfigLoader.load(ConfigDir.resource("minimal.yaml"), List.of())
                .training().conventions());
        assertEquals(ConventionsName.KERAS, dir.load("keras.yaml").training().conventions());
    }

    @Test
    void aSavedConfigWithoutConventionsWasTrainedUnderDl4jsAndOneWithThemKeepsThem() {
        Path old = dir.write("old/config.json", "{\"data\": {\"dataset\": \"synthetic\"}, \"model\": {\"arch\": "
                + "\"k2c2\"}, \"training\": {\"engine\": \"pytorch\", \"batch_size\": 8}}");
        Path bare = dir.write("bare/config.json", "{\"data\": {\"dataset\": \"synthetic\"}, \"model\": "
                + "{\"arch\": \"k2c2\"}}");
        Path keras = dir.write("keras/config.json", "{\"data\": {\"dataset\": \"synthetic\"}, \"model\": "
                + "{\"arch\": \"k2c2\"}, \"training\": {\"conventions\": \"keras\"}}");

        ExperimentConfig resumed = ConfigLoader.loadSaved(old);
        assertEquals(ConventionsName.DL4J, resumed.training().conventions());
        assertEquals(8, resumed.training().batchSize());
        assertEquals(ConventionsName.DL4J, ConfigLoader.loadSaved(bare).training().conventions());
        assertEquals(ConventionsName.KERAS, ConfigLoader.loadSaved(keras).training().conventions());
        // A config.json written today names its conventions and loads back as it was saved.
        ExperimentConfig today = ConfigLoader.load(ConfigDir.resource("minimal.yaml"), List.of());
        Path saved = dir.write("today/config.json", ConfigLoader.canonicalJson(today));
        assertEquals(today, ConfigLoader.loadSaved(saved));
    }

    @Test
    void architectureAliasIsWrittenBackByItsConfigName() {
        dir.write("alias.yaml", "data: {dataset: synthetic}\nmodel: {arch: Conv2D}\n");

        ExperimentConfig config = dir.load("alias.yaml");

        assertEquals(Architecture.K2C2, config.model().arch());
        assertTrue(ConfigLoader.canonicalJson(config).contains("\"model\":{\"arch\":\"k2c2\",\"params\":100000}"));
    }

    @Test
    void shippedQuickstartLoads() {
        ExperimentConfig config = ConfigLoader.load(Path.of("configs/quickstart.yaml"), List.of());

        assertEquals("quickstart", config.name());
        assertEquals(SyntheticDataConfig.DATASET, config.data().dataset());
        assertEquals(Architecture.K2C2, config.model().arch());
    }
}
