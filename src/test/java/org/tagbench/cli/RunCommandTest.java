package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.config.ConfigLoader;
import org.tagbench.results.RunRecord;
import org.tagbench.results.RunRecordFile;
import org.tagbench.train.EpochRecord;
import org.tagbench.train.Resumption;

/**
 * The one-line errors of {@code run} and {@code eval} for a wrong mix of arguments, a folder that is not a run, an
 * override a resumed run cannot take, and a diverged loss, which a resume at a lower rate gets past.
 */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void runNeedsConfigOrResumeButNotBoth() {
        CommandRun neither = CommandRun.of("run");
        CommandRun both = CommandRun.of("run", "a.yaml", "--resume", dir.toString());

        assertEquals(2, neither.code());
        assertEquals("tagbench: give either CONFIG or --resume RUN_DIR (see 'tagbench run --help')", neither.err().strip());
        assertEquals(2, both.code());
    }

    @Test
    void resumingAFolderThatIsNotARunIsAOneLineError() {
        CommandRun run = CommandRun.of("run", "--resume", dir.toString());

        assertEquals(2, run.code());
        assertEquals("config error: --resume: " + dir + " is not a run folder (it has no config.json)",
                run.err().strip());
    }

    @Test
    void resumingAFinishedRunIsAOneLineError() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"data\": {\"dataset\": \"synthetic\"}, \"model\": {\"arch\": \"k2c2\"}}");
        Files.writeString(dir.resolve("run.json"), "{}");

        CommandRun run = CommandRun.of("run", "--resume", dir.toString());

        assertEquals(2, run.code());
        assertEquals("config error: --resume: " + dir + " is a finished run (it has run.json)", run.err().strip());
    }

    @Test
    void resumingRefusesAnOverrideThatWouldMakeAnotherExperiment() throws IOException {
        Files.writeString(dir.resolve("config.json"),
                "{\"data\": {\"dataset\": \"synthetic\"}, \"model\": {\"arch\": \"k2c2\"}}");

        CommandRun run = CommandRun.of("run", "--resume", dir.toString(), "--set", "pipeline.workers=1", "--set",
                "training.batch_size=8");

        assertEquals(2, run.code());
        assertEquals("config error: --set training.batch_size: cannot change on --resume, it would make another "
                + "experiment (a resumed run takes training.optimizer.lr and pipeline.* only)", run.err().strip());
    }

    @Test
    void aDivergedRunStopsWithOneLineAndGoesOnAtTheRateGivenOnResume() throws IOException {
        // Adam's steps move every weight by about the rate: at 1e38, float32 overflows within a few.
        Path config = Files.writeString(dir.resolve("diverges.yaml"), String.join("\n",
                "seed: 5",
                "data: {dataset: synthetic, root: " + dir.resolve("data") + ", clips: 30, clip_seconds: 1,"
                        + " chunk_seconds: 0.5, seed: 3}",
                "features: {sample_rate: 8000, n_fft: 256, hop_length: 128, n_mels: 40}",
                "model: {arch: k2c2, params: 5k}",
                "training: {engine: dl4j, batch_size: 4, max_epochs: 2, checkpoint_steps: 1, optimizer: {lr: 1e38}}",
                "eval: {chunks: 2}",
                "results: {dir: " + dir.resolve("results") + "}"));

        CommandRun diverged = CommandRun.of("run", config.toString());

        assertEquals(2, diverged.code(), diverged.err());
        Matcher line = Pattern.compile("config error: training\\.optimizer\\.lr: training loss is NaN at epoch "
                + "(\\d+) step (\\d+) \\(lr 1E\\+38\\); go on from the last good checkpoint at a lower rate: "
                + "tagbench run --resume (\\S+) --set training\\.optimizer\\.lr=1E\\+37")
                .matcher(diverged.err().strip());
        assertTrue(line.matches(), diverged.err());
        int epoch = Integer.parseInt(line.group(1));
        int step = Integer.parseInt(line.group(2));
        Path folder = Path.of(line.group(3));

        CommandRun resumed = CommandRun.of("run", "--resume", folder.toString(), "--set",
                "training.optimizer.lr=0.003");

        assertEquals(0, resumed.code(), resumed.err());
        RunRecord record = RunRecordFile.read(folder.resolve("run.json"));
        assertEquals(ConfigLoader.hash(ConfigLoader.load(config, List.of())), record.configHash(),
                "the same experiment");
        assertEquals(1e38, record.config().at("/training/optimizer/lr").asDouble(), "the config as started");
        assertEquals(1, record.provenance().resumptions().size());
        Resumption resumption = record.provenance().resumptions().get(0);
        // The checkpoint kept is one whose weights a later step's loss showed finite: at least two steps back.
        assertTrue(resumption.epoch() < epoch || resumption.batchesDone() <= step - 2,
                "resumed at epoch " + resumption.epoch() + " batch " + resumption.batchesDone());
        assertEquals(List.of(1e38, 0.003), List.of(resumption.lrBefore(), resumption.lrAfter()));
        assertEquals(List.of("training.optimizer.lr=0.003"), resumption.overrides());
        assertEquals(2, record.training().epochs().size());
        for (EpochRecord trained : record.training().epochs()) {
            assertTrue(Double.isFinite(trained.trainLoss()) && Double.isFinite(trained.validLoss()),
                    trained.toString());
        }
    }

    @Test
    void evalNamesAMissingBestModel() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"data\": {\"dataset\": \"synthetic\"}, \"model\": {\"arch\": \"k2c2\"}}");

        CommandRun run = CommandRun.of("eval", dir.toString(), "--split", "valid");

        assertEquals(2, run.code());
        assertEquals("config error: RUN_DIR: " + dir + " has no best-model.zip (no epoch of it finished)",
                run.err().strip());
    }
}
