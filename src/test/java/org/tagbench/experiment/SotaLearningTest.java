package org.tagbench.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tagbench.results.RunRecord;

/**
 * The later taggers of the sota-music-tagging-models comparison (Won et al. 2020) that eat a log-mel learn the
 * generated dataset as ArchitectureLearningTest checks Choi's four: about 0.1M parameters, 24 mel bands x 32 frames,
 * each with the batch size, learning rate and epochs that got it there (docs/architectures.md, each architecture's
 * "Learning check"), except shortchunk-res, below. A class of its own so that the suite's two forks share the learning
 * checks.
 */
class SotaLearningTest {
    @TempDir
    static Path shared;

    @ParameterizedTest(name = "{0} on {1}, batch {2}, lr {3}, {4} epochs")
    @CsvSource({"fcn, dl4j, 16, 0.004, 24", "shortchunk, dl4j, 16, 0.004, 30", "fcn, pytorch, 16, 0.004, 24",
            "shortchunk, pytorch, 16, 0.004, 30", "bilstm-attn, dl4j, 16, 0.004, 12",
            "bilstm-attn, pytorch, 16, 0.004, 12", "musicnn, pytorch, 16, 0.004, 16",
            "musicnn, dl4j, 16, 0.004, 20"})
    void learnsTheGeneratedSet(String arch, String engine, int batch, double lr, int epochs) throws Exception {
        ArchitectureLearningTest.assertLearns(shared, arch, engine, batch, lr, epochs);
    }

    /**
     * The short-chunk ResNet learns too slowly from 24 bands (0.88 after 150 epochs): it gets the paper's 128 mel bands, which its seven stride-2 blocks reduce to one as at the paper's input, in
     * 1 s chunks (16 frames), at 0.3M, Adam 0.002 and PyTorch's conventions (the repo's initialisation) for 40 epochs.
     */
    @ParameterizedTest(name = "shortchunk-res on {0}, 128 x 16, 0.3M, batch 16, lr 0.002, 40 epochs")
    @ValueSource(strings = {"pytorch", "dl4j"})
    void shortChunkResLearnsTheGeneratedSetFrom128Bands(String engine) throws Exception {
        RunRecord record = ArchitectureLearningTest.train(shared, "shortchunk-res", "300k", "chunk_seconds: 1",
                "sample_rate: 12000, n_fft: 1024, hop_length: 768, n_mels: 128", engine, "pytorch", 16, 0.002, 40, 2);

        double auc = record.test().rocAucMacro();
        assertTrue(auc >= 0.90, "shortchunk-res on " + engine + ": test macro ROC-AUC " + auc);
        assertTrue(Math.abs(record.model().params() - 300_000) <= 6_000, "params " + record.model().params());
    }
}
