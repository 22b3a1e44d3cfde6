package org.tagbench.experiment;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The later taggers of the sota-music-tagging-models comparison (Won et al. 2020) that eat a log-mel learn the
 * generated dataset as ArchitectureLearningTest checks Choi's four: about 0.1M parameters, 24 mel bands x 32 frames,
 * each with the batch size, learning rate and epochs that got it there (docs/architectures.md, each architecture's
 * "Learning check"). A class of its own so that the suite's two forks share the learning checks.
 */
class SotaLearningTest {
    @TempDir
    static Path shared;

    @ParameterizedTest(name = "{0} on {1}, batch {2}, lr {3}, {4} epochs")
    @CsvSource({"fcn, dl4j, 16, 0.004, 24", "shortchunk, dl4j, 16, 0.004, 30", "fcn, pytorch, 16, 0.004, 24",
            "shortchunk, pytorch, 16, 0.004, 34", "bilstm-attn, dl4j, 16, 0.004, 12",
            "bilstm-attn, pytorch, 16, 0.004, 12", "musicnn, pytorch, 16, 0.004, 18",
            "musicnn, dl4j, 16, 0.004, 20"})
    void learnsTheGeneratedSet(String arch, String engine, int batch, double lr, int epochs) throws Exception {
        ArchitectureLearningTest.assertLearns(shared, arch, engine, batch, lr, epochs);
    }
}
