package org.tagbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tagbench.ScoreAssertions.assertScores;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.ChildJvm;
import org.tagbench.cli.TagbenchCommand;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ConventionsName;
import org.tagbench.config.EngineName;
import org.tagbench.data.Split;
import org.tagbench.files.NpyMatrix;
import org.tagbench.metrics.TagScore;
import org.tagbench.results.RunRecord;
import org.tagbench.results.ScoreFiles;
import org.tagbench.train.EpochRecord;
import org.tagbench.train.Resumption;

/**
 * A run killed with SIGKILL (a child JVM, destroyed forcibly) where a training path's state matters, and resumed
 * from its checkpoint, ends with the epochs and test metrics of the same run left alone (within 1e-6), on each
 * engine and under each training convention; its record keeps the original start, the seconds each epoch really
 * trained, and notes the resumption.
 */
class ResumeTest {
    private static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    /** A training path, its config, and where in the run a kill tests that its state is carried over. */
    enum TrainingPath {
        /** The rate halves after every epoch: the schedule's rate. */
        STEP(ConventionsName.KERAS, 2, state -> state.get("epoch").asInt() == 2 && state.get("batches_done").asInt() >= 2,
                "optimizer: {lr: 0.003}, schedule: {name: step, step_epochs: 1, factor: 0.5}"),
        /** Dropout after every convolution and the GRUs: its random state. */
        CRNN(ConventionsName.PYTORCH, 1, state -> state.get("batches_done").asInt() >= 2, "optimizer: {lr: 0.003}",
                "model: {arch: crnn, params: 5k}"),
        /**
         * The plateau schedule after an epoch without a lower validation loss, before the second cuts the rate: its
         * count of bad epochs. (At the rising rate the best loss is epoch 1's until epoch 4.)
         */
        PLATEAU(ConventionsName.DL4J, 4, state -> state.at("/rate/phase_epochs").asInt() >= 1 && state.get("batches_done").asInt() >= 1,
                "optimizer: {lr: RISING}, schedule: {name: plateau, patience: 2, factor: 0.5},"
                        + " early_stopping: {monitor: loss, patience: 0}"),
        /** Early stopping after an epoch without a lower validation loss, before the second: its patience counter. */
        EARLY_STOPPING(ConventionsName.DL4J, 4, state -> state.get("epochs_since_best").asInt() >= 1
                && state.get("batches_done").asInt() >= 1,
                "optimizer: {lr: RISING}, early_stopping: {monitor: loss, patience: 2}"),
        /** Adam, then SGD from the best weights, then a drop that reloads them: after the switch, before the drop. */
        ADAM_THEN_SGD(ConventionsName.KERAS, 3, state -> state.at("/rate/optimizer").asText().equals("sgd")
                && state.at("/rate/drops").asInt() == 0 && state.get("batches_done").asInt() >= 1,
                "optimizer: {lr: 0.003}, schedule: {name: adam_then_sgd, adam_epochs: 1, sgd_lr: 0.003, sgd_epochs: 1,"
                        + " drops: 1}");

        private final ConventionsName conventions;
        private final int epochs;
        private final Predicate<JsonNode> killWhen;
        private final String training;
        private final String[] more;

        TrainingPath(ConventionsName conventions, int epochs, Predicate<JsonNode> killWhen, String training,
                     String... more) {
            this.conventions = conventions;
            this.epochs = epochs;
            this.killWhen = killWhen;
            this.training = training;
            this.more = more;
        }

        /**
         * The config lines of this path on {@code engine}. RISING is a rate at which this tiny run's validation loss
         * is no lower than epoch 1's in epochs 2 and 3 (measured on each engine under DL4J's conventions: DL4J at 0.03;
         * PyTorch needs 3.0, its loss falls every epoch at 0.03 to 1.0). Each path names its conventions, so that
         * resumption is shown exact under all three on both engines whatever the default.
         */
        String[] lines(EngineName engine) {
            String rising = engine == EngineName.PYTORCH ? "3.0" : "0.03";
            return Stream.concat(Stream.of("seed: 11",
                    "training: {engine: " + engine.configName() + ", conventions: " + conventions.configName()
                            + ", batch_size: 4, max_epochs: " + epochs
                            + ", checkpoint_steps: 1, " + training.replace("RISING", rising) + "}",
                    "eval: {chunks: 2}",
                    "pipeline: {pcm_cache: false, workers: 2}"), Arrays.stream(more)).toArray(String[]::new);
        }
    }

    static Stream<Arguments> pathsAndEngines() {
        return Arrays.stream(TrainingPath.values()).flatMap(path -> Arrays.stream(EngineName.values())
                .map(engine -> Arguments.of(path, engine)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("pathsAndEngines")
    void aRunKilledWhereItsStateMattersResumesToTheUninterruptedResult(TrainingPath path, EngineName engine,
                                                                       @TempDir Path dir) throws Exception {
        Path config = TinyRun.config(dir, "resume", 40, 2, path.lines(engine));
        // Left alone, and without the checkpoints (every step's) of the run to kill: they change no number.
        RunRecord alone = new Experiment(ConfigLoader.load(config, List.of("results.dir=" + dir.resolve("alone"),
                "training.checkpoint_steps=0")), TinyRun.quiet()).run();
        if (path == TrainingPath.EARLY_STOPPING) {
            assertTrue(alone.training().epochs().size() < path.epochs, "the uninterrupted run stops early");
        }

        Process child = new ProcessBuilder(ChildJvm.command(TagbenchCommand.class, "run", config.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        Path folder = kill(child, dir.resolve("results"), path.killWhen);
        Instant killed = Instant.now();
        assertFalse(Files.exists(folder.resolve("run.json")), "the child was killed before it finished");
        JsonNode kept = checkpointState(folder.resolve("checkpoint.zip"));
        assertTrue(path.killWhen.test(kept), "the checkpoint left is one where " + path + " matters: " + kept);

        RunRecord resumed = Experiment.resume(folder, List.of(), TinyRun.quiet());

        assertSameRun(alone, resumed);
        // Validation scores, which the resumed run computes again when its best epoch came before the kill.
        assertScores(NpyMatrix.read(dir.resolve("alone").resolve(alone.id()).resolve(ScoreFiles.scores(Split.VALID))),
                NpyMatrix.read(folder.resolve(ScoreFiles.scores(Split.VALID))), 1e-6);
        Instant started = resumed.provenance().started();
        assertTrue(folder.getFileName().toString().startsWith(RUN_TIME.format(started) + "-"),
                "the run keeps the start its folder is named after, " + started);
        assertTrue(started.isBefore(killed));
        Resumption resumption = resumed.provenance().resumptions().get(0);
        assertEquals(List.of(kept.get("epoch").asInt(), kept.get("batches_done").asInt()),
                List.of(resumption.epoch(), resumption.batchesDone()));
        assertEquals(List.of(kept.at("/rate/lr").asDouble(), kept.at("/rate/lr").asDouble()),
                List.of(resumption.lrBefore(), resumption.lrAfter()));
        assertEquals(1, resumed.provenance().resumptions().size());
        List<EpochRecord> epochs = resumed.training().epochs();
        for (JsonNode finished : kept.get("epochs")) {
            assertEquals(finished.get("seconds").asDouble(), epochs.get(finished.get("epoch").asInt() - 1).seconds(),
                    "an epoch finished before the kill keeps its time");
        }
        double before = kept.get("epoch_seconds").asDouble();
        assertTrue(before > 0 && epochs.get(kept.get("epoch").asInt() - 1).seconds() > before,
                "the epoch cut by the kill counts the " + before + " s it trained before its checkpoint");
    }

    private static void assertSameRun(RunRecord alone, RunRecord resumed) {
        assertEquals(alone.training().bestEpoch(), resumed.training().bestEpoch());
        List<EpochRecord> a = alone.training().epochs();
        List<EpochRecord> b = resumed.training().epochs();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).trainLoss(), b.get(i).trainLoss(), 1e-6, "train loss, epoch " + (i + 1));
            assertEquals(a.get(i).validLoss(), b.get(i).validLoss(), 1e-6, "valid loss, epoch " + (i + 1));
            assertEquals(a.get(i).validRocAuc(), b.get(i).validRocAuc(), 1e-6, "valid ROC-AUC, epoch " + (i + 1));
        }
        assertEquals(alone.test().rocAucMacro(), resumed.test().rocAucMacro(), 1e-6);
        for (int j = 0; j < alone.test().perTag().size(); j++) {
            TagScore x = alone.test().perTag().get(j);
            TagScore y = resumed.test().perTag().get(j);
            assertEquals(x.rocAuc(), y.rocAuc(), 1e-6, x.tag());
        }
    }

    /** Waits until the run's checkpoint is one {@code killWhen} accepts, kills the child, returns the run folder. */
    private static Path kill(Process child, Path results, Predicate<JsonNode> killWhen) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        try {
            while (Instant.now().isBefore(deadline)) {
                Optional<Path> folder = runFolder(results);
                if (folder.isPresent()) {
                    JsonNode state = checkpointState(folder.get().resolve("checkpoint.zip"));
                    if (state != null && killWhen.test(state)) {
                        child.destroyForcibly().waitFor();
                        return folder.get();
                    }
                }
                assertTrue(child.isAlive(), "the child run ended before it reached the point to kill it");
                Thread.sleep(20);
            }
            throw new AssertionError("no checkpoint to kill at within " + PATIENCE);
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    private static Optional<Path> runFolder(Path results) throws IOException {
        if (!Files.isDirectory(results)) {
            return Optional.empty();
        }
        try (Stream<Path> folders = Files.list(results)) {
            return folders.filter(Files::isDirectory).findFirst();
        }
    }

    private static JsonNode checkpointState(Path checkpoint) throws IOException {
        if (!Files.isRegularFile(checkpoint)) {
            return null;
        }
        try (ZipFile zip = new ZipFile(checkpoint.toFile());
             InputStream in = zip.getInputStream(zip.getEntry("state.json"))) {
            return new ObjectMapper().readTree(in);
        }
    }
}
