package org.tagbench.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tagbench.config.ConfigLoader;
import org.tagbench.results.RunRecord;

/**
 * Each of Choi et al. 2017's architectures (SotaLearningTest has the later ones) at about 0.1M parameters learns the
 * generated dataset on each engine from 2 s chunks of 3 s clips at 12 kHz (24 mel bands x 32 frames), each with the
 * batch size, learning rate and epochs that got it there (docs/architectures.md, "Learning check"). 12 kHz keeps the hi-hat (noise high-passed at 3.5 kHz) well
 * inside the band, and 24 bands divide exactly by the frequency pools of k2c2 and the CRNN. The rates and epochs
 * were found under DL4J's conventions, which the check keeps (under PyTorch's the CRNN ends at 0.890 and 0.899).
 */
class ArchitectureLearningTest {
    /** The system property naming the folder the build gives each test JVM. */
    private static final String FORK_FOLDER = "tagbench.test.fork_folder";

    @TempDir
    static Path shared;

    @ParameterizedTest(name = "{0} on {1}, batch {2}, lr {3}, {4} epochs")
    @CsvSource({"k1c2, dl4j, 16, 0.004, 8", "k2c1, dl4j, 32, 0.004, 20", "k2c2, dl4j, 16, 0.004, 8",
            "crnn, dl4j, 32, 0.004, 22", "k1c2, pytorch, 16, 0.004, 8", "k2c1, pytorch, 32, 0.004, 20",
            "k2c2, pytorch, 16, 0.004, 8", "crnn, pytorch, 32, 0.004, 22"})
    void learnsTheGeneratedSet(String arch, String engine, int batch, double lr, int epochs) throws Exception {
        assertLearns(shared, arch, engine, batch, lr, epochs);
    }

    /** Trains {@code arch} at 0.1M on this class's 24 x 32 log-mels; fails below macro ROC-AUC 0.90 or off 0.1M. */
    static void assertLearns(Path shared, String arch, String engine, int batch, double lr, int epochs)
            throws Exception {
        RunRecord record = train(shared, arch, "100k", "chunk_seconds: 2",
                "sample_rate: 12000, n_fft: 1024, hop_length: 768, n_mels: 24", engine, "dl4j", batch, lr, NO_SCHEDULE,
                epochs, 2);

        assertLearned(record, arch, engine, 100_000);
    }

    /** Fails unless {@code record} reached a test macro ROC-AUC of 0.90 with a count within 2% of {@code budget}. */
    static void assertLearned(RunRecord record, String arch, String engine, long budget) {
        double auc = record.test().rocAucMacro();
        assertTrue(auc >= 0.90, arch + " on " + engine + ": test macro ROC-AUC " + auc);
        assertTrue(Math.abs(record.model().params() - budget) <= 0.02 * budget, "params " + record.model().params());
    }

    /**
     * Where the learning checks keep the generated dataset and its PCM cache: the folder the build gives each test JVM
     * ({@value #FORK_FOLDER}, under target/), so that the learning classes of one fork generate and decode the 400
     * clips once; else {@code fallback}.
     */
    private static Path dataFolder(Path fallback) {
        String forkFolder = System.getProperty(FORK_FOLDER);
        return forkFolder == null ? fallback : Path.of(forkFolder);
    }

    /** The training schedule of a check that keeps its rate throughout. */
    static final String NO_SCHEDULE = "{name: none}";

    /**
     * Trains {@code arch} at {@code params} on 400 generated clips of 3 s (seed 7) under {@code conventions}, with
     * {@code chunk} and {@code features} as YAML flow entries of the data and features sections and {@code schedule}
     * as the training schedule's flow mapping, and {@code evalChunks} evaluation chunks per track; its run record.
     */
    static RunRecord train(Path shared, String arch, String params, String chunk, String features, String engine,
                           String conventions, int batch, double lr, String schedule, int epochs, int evalChunks)
            throws Exception {
        Path dir = Files.createDirectories(shared.resolve(arch + "-" + engine));
        Path config = dir.resolve(arch + ".yaml");
        Files.writeString(config, String.join("\n",
                "seed: 1",
                "data: {dataset: synthetic, root: " + dataFolder(shared).resolve("data") + ", clips: 400, "
                        + "clip_seconds: 3, " + chunk + ", seed: 7}",
                "features: {" + features + "}",
                "model: {arch: " + arch + ", params: " + params + "}",
                "training: {engine: " + engine + ", conventions: " + conventions + ", batch_size: " + batch
                        + ", max_epochs: " + epochs + ", optimizer: {name: adam, lr: " + lr + "}, schedule: "
                        + schedule + "}",
                "eval: {chunks: " + evalChunks + "}",
                "pipeline: {cache_dir: " + dataFolder(shared).resolve("pcm") + "}",
                "results: {dir: " + dir.resolve("results") + "}"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        return new Experiment(ConfigLoader.load(config, List.of()),
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
    }
}
