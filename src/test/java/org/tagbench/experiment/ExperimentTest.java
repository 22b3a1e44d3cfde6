package org.tagbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.results.RunRecord;
import org.tagbench.results.RunRecordFile;

/** A short end-to-end run on a tiny generated dataset: it must learn, print the final line and record itself. */
class ExperimentTest {

    @Test
    void shortRunOnATinyGeneratedSetBeatsChanceAndWritesItsRecord(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("tiny.yaml");
        Files.writeString(config, String.join("\n",
                "seed: 3",
                "data: {dataset: synthetic, root: " + dir.resolve("data") + ", clips: 120, clip_seconds: 2,"
                        + " chunk_seconds: 1.5, seed: 5}",
                "features: {sample_rate: 8000, n_fft: 256, hop_length: 128, n_mels: 40}",
                "model: {arch: k2c2, params: 20k}",
                "training: {batch_size: 16, max_epochs: 10, optimizer: {name: adam, lr: 0.003}}",
                "eval: {chunks: 2}",
                "pipeline: {cache_dir: " + dir.resolve("pcm") + "}",
                "results: {dir: " + dir.resolve("results") + "}"));
        ExperimentConfig experiment = ConfigLoader.load(config, List.of());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RunRecord record = new Experiment(experiment, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

        double auc = record.test().rocAucMacro();
        assertTrue(auc >= 0.70, "macro ROC-AUC " + auc + " does not beat chance (0.5) by a clear margin");
        String[] lines = printed.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertTrue(lines[lines.length - 1].matches(
                "test ROC-AUC \\(macro\\): 0\\.\\d{4}  PR-AUC \\(macro\\): 0\\.\\d{4}  tags: \\d+  tracks: 24"),
                lines[lines.length - 1]);

        Path file = dir.resolve("results").resolve(record.id() + ".json");
        RunRecord read = RunRecordFile.read(file);
        assertEquals(ConfigLoader.hash(experiment), read.configHash());
        assertEquals(record.model().params(), read.model().params());
        assertTrue(Math.abs(read.model().params() - 20_000) <= 400, "params " + read.model().params());
        assertEquals(10, read.training().epochs().size());
        assertEquals(auc, read.test().rocAucMacro(), 1e-12);
        assertEquals(record.test().perTag().size(), read.test().perTag().size());
        try (var files = Files.list(dir.resolve("results"))) {
            assertEquals(List.of(file), files.toList(), "only the finished record, no temp files");
        }
    }
}
