package org.tagbench.experiment;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tagbench.config.ConfigLoader;
import org.tagbench.results.RunRecord;

/**
 * samplecnn, the waveform architecture, learns the generated dataset on each engine from its raw audio
 * ({@code features.frontend: none}) at a small budget, as ArchitectureLearningTest checks the log-mel ones: chunks of
 * 3^8 = 6,561 samples at 12 kHz (0.55 s) instead of the paper's 59,049 at 16 kHz, which would make each step about
 * nine times slower; 12 kHz keeps the hi-hat (noise high-passed at 3.5 kHz) inside the band (docs/architectures.md,
 * samplecnn, "Learning check", which says why DL4J has no row yet). Three evaluation chunks per track give
 * the same test ROC-AUC as five (0.909 against 0.910) for less validation time.
 */
class WaveformLearningTest {
    @TempDir
    static Path shared;

    @ParameterizedTest(name = "{0} on {1}, {2} params, batch {3}, lr {4}, {5} epochs")
    @CsvSource({"samplecnn, pytorch, 100k, 16, 0.004, 24"})
    void learnsTheGeneratedSetFromTheWaveform(String arch, String engine, String params, int batch, double lr,
                                               int epochs) throws Exception {
        RunRecord record = ArchitectureLearningTest.train(shared, arch, params, "chunk_seconds: 0.54675",
                "sample_rate: 12000, frontend: none", engine, "dl4j", batch, lr, epochs, 3);

        long budget = ConfigLoader.load(shared.resolve(arch + "-" + engine).resolve(arch + ".yaml"), List.of())
                .model().params();
        ArchitectureLearningTest.assertLearned(record, arch, engine, budget);
    }
}
