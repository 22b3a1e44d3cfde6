package org.tagbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each bad value, set on the minimal config, and the exact one-line error it must give. */
class ValidationErrorsTest {
    private static final String BUDGET = " is not a parameter budget (expected e.g. 250k, 1M, 1000000)";

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("model.params=-3M", "model.params: \"-3M\"" + BUDGET),
                Arguments.of("model.params=0", "model.params: 0" + BUDGET),
                Arguments.of("model.params=abc", "model.params: \"abc\"" + BUDGET),
                Arguments.of("model.params=-5", "model.params: -5" + BUDGET),
                Arguments.of("model.params=1.5", "model.params: 1.5" + BUDGET),
                Arguments.of("model.arch=k3c3", "model.arch: \"k3c3\" is not an architecture (known: k1c2 (conv1d), k2c1, k2c2 (conv2d), crnn, fcn, shortchunk (short-chunk-cnn), shortchunk-res (shortchunk-resnet), samplecnn, bilstm-attn, musicnn)"),
                Arguments.of("model.arch=null", "model.arch: missing required key (known: k1c2 (conv1d), k2c1, k2c2 (conv2d), crnn, fcn, shortchunk (short-chunk-cnn), shortchunk-res (shortchunk-resnet), samplecnn, bilstm-attn, musicnn)"),
                Arguments.of("data.dataset=magnatagatune",
                        "data.dataset: \"magnatagatune\" is not a dataset (known: synthetic,"
                                + " msd-choi, msd-lee, mtat, jamendo, csv, folders)"),
                Arguments.of("data.dataset=null", "data.dataset: missing required key (known: synthetic, msd-choi,"
                        + " msd-lee, mtat, jamendo, csv, folders)"),
                Arguments.of("data=5", "data: 5 is not a mapping of keys"),
                Arguments.of("data.clipz=3", "data.clipz: unknown key (known: chunk_seconds, clip_seconds, clips,"
                        + " dataset, difficulty, root, seed)"),
                Arguments.of("colour=red", "colour: unknown key (known: data, eval, features, model, name, pipeline,"
                        + " results, seed, task, training)"),
                Arguments.of("training.batch_size=many", "training.batch_size: \"many\" is not an integer"),
                Arguments.of("training.batch_size=16.5", "training.batch_size: 16.5 is not an integer"),
                Arguments.of("training.optimizer.lr=fast", "training.optimizer.lr: \"fast\" is not a number"),
                Arguments.of("features.center=maybe", "features.center: \"maybe\" is not true or false"),
                Arguments.of("features.mel_scale=mel", "features.mel_scale: \"mel\" is not one of slaney, htk"),
                Arguments.of("features.mel_scale=1", "features.mel_scale: 1 is not one of slaney, htk"),
                Arguments.of("features.scale=log", "features.scale: \"log\" is not one of db, log1p, linear"),
                Arguments.of("features.window=hamming", "features.window: \"hamming\" is not one of hann"),
                Arguments.of("features.frontend=gpu", "features.frontend: \"gpu\" is not one of cpu, network, none"),
                Arguments.of("features.trainable=true", "features.trainable: true needs frontend: network (the"
                        + " filterbank trains inside the network), not frontend: cpu"),
                Arguments.of("features.trainable=maybe", "features.trainable: \"maybe\" is not true or false"),
                Arguments.of("features.trainable_dft=true", "features.trainable_dft: true needs trainable: true (the"
                        + " DFT basis trains with the filterbank), not trainable: false"),
                Arguments.of("training.conventions=torch",
                        "training.conventions: \"torch\" is not one of pytorch, keras, dl4j"),
                Arguments.of("training=5", "training: 5 is not a mapping of keys"),
                Arguments.of("data.root=[a]", "data.root: [\"a\"] is not a path"),
                Arguments.of("name=[a]", "name: [\"a\"] is not a string"),
                Arguments.of("name=a/b", "name: \"a/b\" is not a run name (expected a non-empty name without / or \\)"),
                Arguments.of("name=" + "\u00e9".repeat(61), "name: a name of 122 bytes is too long for the run folder"
                        + " it names (expected at most 120 bytes in UTF-8)"),
                Arguments.of("features.n_mels=300",
                        "features.n_mels: 300 mel bands exceed n_fft/2+1 = 257 frequency bins"),
                Arguments.of("features.fmax=7000",
                        "features.fmax: 7000.0 Hz exceeds sample_rate/2 = 6000.0 Hz (sample_rate 12000)"),
                Arguments.of("features.fmin=6000", "features.fmin: 6000.0 Hz is not below fmax = 6000.0 Hz"),
                Arguments.of("features.fmin=-1", "features.fmin: must be >= 0, got -1.0"),
                Arguments.of("features.hop_length=0", "features.hop_length: must be > 0, got 0"),
                Arguments.of("features.n_fft=0", "features.n_fft: must be > 0, got 0"),
                Arguments.of("features.n_fft=-512", "features.n_fft: must be > 0, got -512"),
                Arguments.of("features.win_length=1024", "features.win_length: 1024 exceeds n_fft = 512"),
                Arguments.of("features.sample_rate=0", "features.sample_rate: must be > 0, got 0"),
                Arguments.of("features.n_mels=0", "features.n_mels: must be > 0, got 0"),
                Arguments.of("features.power=3", "features.power: 3.0 is not 1 (magnitude) or 2 (power)"),
                Arguments.of("features.amin=0", "features.amin: must be > 0, got 0.0"),
                Arguments.of("features.top_db=-80", "features.top_db: must be >= 0, got -80.0"),
                Arguments.of("features.log1p_c=0", "features.log1p_c: must be > 0, got 0.0"),
                Arguments.of("training.batch_size=0", "training.batch_size: must be > 0, got 0"),
                Arguments.of("training.max_epochs=0", "training.max_epochs: must be > 0, got 0"),
                Arguments.of("training.optimizer.lr=0", "training.optimizer.lr: must be > 0, got 0.0"),
                Arguments.of("training.optimizer.name=rmsprop",
                        "training.optimizer.name: \"rmsprop\" is not an optimizer (known: adam, sgd)"),
                Arguments.of("training.optimizer.beta2=1", "training.optimizer.beta2: must be in [0, 1), got 1.0"),
                Arguments.of("training.optimizer.weight_decay=-1",
                        "training.optimizer.weight_decay: must be >= 0, got -1.0"),
                Arguments.of("training.optimizer.nesterov=false",
                        "training.optimizer.nesterov: false needs momentum: 0 (DL4J has Nesterov momentum only)"),
                Arguments.of("training.schedule.name=cosine",
                        "training.schedule.name: \"cosine\" is not a schedule (known: none, step, plateau,"
                                + " adam_then_sgd)"),
                Arguments.of("training.schedule.factor=1", "training.schedule.factor: must be in (0, 1), got 1.0"),
                Arguments.of("training.early_stopping.monitor=pr_auc",
                        "training.early_stopping.monitor: \"pr_auc\" is not a monitor (known: roc_auc, loss)"),
                Arguments.of("training.early_stopping.patience=-1",
                        "training.early_stopping.patience: must be >= 0, got -1"),
                Arguments.of("training.checkpoint_steps=-5", "training.checkpoint_steps: must be >= 0, got -5"),
                Arguments.of("training.augment.gain_db.min=3", "training.augment.gain_db: {min: 3.0, max: 0.0} is not"
                        + " a range (expected finite numbers with min <= max)"),
                Arguments.of("training.augment.gain_db.max=80", "training.augment.gain_db: {min: 0.0, max: 80.0}"
                        + " reaches outside [-60.0, 60.0] dB"),
                Arguments.of("training.augment.pitch_semitones.min=-13", "training.augment.pitch_semitones: {min:"
                        + " -13.0, max: 0.0} reaches outside [-12.0, 12.0] semitones"),
                Arguments.of("training.augment.stretch_rate.min=0", "training.augment.stretch_rate: {min: 0.0, max:"
                        + " 1.0} reaches outside [0.5, 2.0] (a rate: 1 keeps the speed)"),
                Arguments.of("training.augment.mixup_alpha=-0.2", "training.augment.mixup_alpha: must be a finite"
                        + " number >= 0 (0: no mixup), got -0.2"),
                Arguments.of("training.augment.spec_augment.time_masks=-1",
                        "training.augment.spec_augment.time_masks: must be >= 0, got -1"),
                Arguments.of("training.augment.spec_augment.fill=noise",
                        "training.augment.spec_augment.fill: \"noise\" is not one of mean, zero"),
                Arguments.of("training.augment.cutout=2", "training.augment.cutout: unknown key (known: gain_db,"
                        + " mixup_alpha, pitch_semitones, spec_augment, stretch_rate)"),
                Arguments.of("eval.chunks=0", "eval.chunks: must be > 0, got 0"),
                Arguments.of("eval.valid_chunks=0", "eval.valid_chunks: must be > 0, got 0"),
                Arguments.of("pipeline.workers=-1", "pipeline.workers: must be >= 0, got -1"),
                Arguments.of("pipeline.prefetch=0", "pipeline.prefetch: must be > 0, got 0"),
                Arguments.of("pipeline.pcm_cache=sometimes", "pipeline.pcm_cache: \"sometimes\" is not true or false"),
                Arguments.of("results.url=jdbc:mysql://db/tagbench", "results.url: \"jdbc:mysql://db/tagbench\" is not a"
                        + " results store URL (expected jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DATABASE)"),
                Arguments.of("results.url=jdbc:postgresql://db/tagbench?user=me&password=secret", "results.url: holds"
                        + " a password, which would be saved with every run (expected it in ~/.pgpass"
                        + " instead)"),
                Arguments.of("results.heartbeat_seconds=0", "results.heartbeat_seconds: must be > 0, got 0"),
                Arguments.of("data.chunk_seconds=0", "data.chunk_seconds: must be > 0, got 0.0"),
                Arguments.of("data.clips=9", "data.clips: must be >= 10, got 9"),
                Arguments.of("data.clips=2000000", "data.clips: must be <= 1000000, got 2000000"),
                Arguments.of("data.clip_seconds=0.5", "data.clip_seconds: must be >= 1.0, got 0.5"),
                Arguments.of("data.clip_seconds=1e9", "data.clip_seconds: must be <= 600.0, got 1.0E9"),
                Arguments.of("features.sample_rate=4000", "features.sample_rate: 4000 Hz is below the 8000 Hz the"
                        + " generated dataset is rendered at least at (its hi-hat and hiss lie above 3 kHz)"),
                Arguments.of("data.clip_seconds=2",
                        "data.clip_seconds: 2.0 s is shorter than chunk_seconds = 3.0 s"));
    }

    @ParameterizedTest(name = "frontend {0}")
    @ValueSource(strings = {"network", "none"})
    void specAugmentNeedsTheLogMelOfTheInputWorkers(String frontend) {
        String arch = frontend.equals("none") ? "samplecnn" : "k2c2";
        String message = ConfigDir.messageOf(() -> ConfigLoader.load(ConfigDir.resource("minimal.yaml"), List.of(
                "model.arch=" + arch, "features.frontend=" + frontend, "training.augment.spec_augment.freq_masks=2")));

        assertEquals("config error: training.augment.spec_augment: masks the log-mel in the input workers, but"
                + " features.frontend: " + frontend + " feeds them the waveform (expected features.frontend: cpu, or"
                + " time_masks and freq_masks 0)", message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void badValueGivesItsError(String override, String expected) {
        String message = ConfigDir.messageOf(
                () -> ConfigLoader.load(ConfigDir.resource("minimal.yaml"), List.of(override)));

        assertEquals("config error: " + expected, message);
    }
}
