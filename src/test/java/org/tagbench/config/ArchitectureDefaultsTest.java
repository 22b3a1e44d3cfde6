package org.tagbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tagbench.experiment.Experiment;

/**
 * Per-architecture defaults: an unset key takes the architecture's value (FCN's and the short-chunk CNN's are the
 * sota-music-tagging-models repo's: torchaudio's MelSpectrogram at 16 kHz, n_fft 512, hop 256, HTK mels without
 * filter norm; 29 s and 59,049-sample inputs), a set key wins, and Choi et al.'s four keep the common defaults.
 */
class ArchitectureDefaultsTest extends ConfigFolderTest {

    @Test
    void fcnTakesTheReposFrontEndAndTwentyNineSeconds() {
        // The generated clips (5 s by default) must be as long as FCN's 29 s chunk.
        dir.write("fcn.yaml", "data: {dataset: synthetic, clip_seconds: 30}\nmodel: {arch: fcn}\n");
        ExperimentConfig config = dir.load("fcn.yaml");

        FeatureConfig f = config.features();
        assertEquals(List.of(16000, 512, 512, 256, 96), List.of(f.sampleRate(), f.nFft(), f.winLength(),
                f.hopLength(), f.nMels()));
        assertEquals(MelScale.HTK, f.melScale());
        assertEquals(MelNorm.NONE, f.norm());
        assertEquals(8000.0, f.fmax());
        assertEquals(29 * 16000, Experiment.chunkSamples(config));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Short-Chunk-CNN", "shortchunk-res"})
    void theShortChunkNetworksTake59049SamplesOf128Bands(String arch) {
        dir.write("short.yaml", "data: {dataset: synthetic}\nmodel: {arch: " + arch + "}\n");
        ExperimentConfig config = dir.load("short.yaml");

        assertEquals(128, config.features().nMels());
        assertEquals(16000, config.features().sampleRate());
        assertEquals(59049, Experiment.chunkSamples(config));
    }

    @Test
    void musicnnTakesTheReposFrontEndWith96BandsAndThreeSeconds() {
        dir.write("musicnn.yaml", "data: {dataset: synthetic}\nmodel: {arch: musicnn}\n");
        ExperimentConfig config = dir.load("musicnn.yaml");

        FeatureConfig f = config.features();
        assertEquals(List.of(16000, 512, 256, 96), List.of(f.sampleRate(), f.nFft(), f.hopLength(), f.nMels()));
        assertEquals(MelScale.HTK, f.melScale());
        assertEquals(MelNorm.NONE, f.norm());
        // The repo's eval.py: input_length = 3 * 16000.
        assertEquals(3 * 16000, Experiment.chunkSamples(config));
    }

    @Test
    void aValueTheConfigSetsWinsAndTheOthersStayTheArchitectures() {
        dir.write("short.yaml", """
                data: {dataset: synthetic, chunk_seconds: 2}
                features: {n_mels: 64, mel_scale: slaney}
                model: {arch: shortchunk}
                """);
        ExperimentConfig config = dir.load("short.yaml", "features.hop_length=128");

        assertEquals(List.of(64, 128, 16000), List.of(config.features().nMels(), config.features().hopLength(),
                config.features().sampleRate()));
        assertEquals(MelScale.SLANEY, config.features().melScale());
        assertEquals(MelNorm.NONE, config.features().norm());
        assertEquals(2.0, config.data().chunkSeconds());
    }

    @Test
    void anArchitectureSetOnTheCommandLineBringsItsDefaults() {
        dir.write("k2c2.yaml", ConfigDir.MINIMAL);

        assertEquals(128, dir.load("k2c2.yaml", "model.arch=shortchunk").features().nMels());
    }

    @Test
    void choisFourKeepTheCommonDefaults() {
        FeatureConfig common = ConfigLoader.features(null, List.of());
        for (String arch : List.of("k1c2", "k2c1", "k2c2", "crnn", "conv1d")) {
            dir.write(arch + ".yaml", "data: {dataset: synthetic}\nmodel: {arch: " + arch + "}\n");
            ExperimentConfig config = dir.load(arch + ".yaml");
            assertEquals(common, config.features(), arch);
            assertEquals(3.0, config.data().chunkSeconds(), arch);
            assertEquals(12000, common.sampleRate());
        }
    }

    @Test
    void theExperimentKeyRecordsTheValuesUsedWhetherDefaultedOrWritten() {
        dir.write("implicit.yaml", "data: {dataset: synthetic}\nmodel: {arch: shortchunk}\n");
        dir.write("explicit.yaml", """
                data: {dataset: synthetic, chunk_seconds: 3.6905625}
                features: {sample_rate: 16000, n_fft: 512, hop_length: 256, n_mels: 128, mel_scale: htk, norm: none}
                model: {arch: shortchunk}
                """);

        assertEquals(ConfigLoader.experimentKey(dir.load("explicit.yaml")),
                ConfigLoader.experimentKey(dir.load("implicit.yaml")));
        assertEquals(ConfigLoader.canonicalJson(dir.load("explicit.yaml", "name=same")),
                ConfigLoader.canonicalJson(dir.load("implicit.yaml", "name=same")));
        // Written values stay under another architecture, whose defaults would differ (96 bands for FCN).
        assertEquals(128, dir.load("explicit.yaml", "model.arch=fcn").features().nMels());
    }
}
