package org.tagbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tagbench.config.ConfigLoader;
import org.tagbench.export.ModelBundle;
import org.tagbench.frontend.FrontEndWeights;
import org.tagbench.model.WeightArray;
import org.tagbench.results.RunRecord;

/**
 * A tiny run with {@code features.trainable_dft: true} and {@code top_db} end to end on each engine: it trains and
 * evaluates (finite metrics), its record counts the filterbank and the DFT basis (40 x 129 + 256 x 258 on top of the
 * spec's parameters), its best model holds a basis that moved, and a bundle written from it reads the basis back
 * exactly as {@value FrontEndWeights#DFT_BASIS}.
 */
class TrainableDftRunTest {
    @ParameterizedTest
    @ValueSource(strings = {"pytorch", "dl4j"})
    void aRunTrainsItsDftBasisWithTopDb(String engine, @TempDir Path dir) throws Exception {
        Path config = TinyRun.config(dir, "dft", 24, 3,
                "features: {sample_rate: 8000, n_fft: 256, hop_length: 128, n_mels: 40, frontend: network,"
                        + " trainable: true, trainable_dft: true, top_db: 60}",
                "training: {engine: " + engine + ", batch_size: 4, max_epochs: 2}", "pipeline: {pcm_cache: false}");

        RunRecord record = new Experiment(ConfigLoader.load(config, List.of()), TinyRun.quiet()).run();

        assertTrue(Double.isFinite(record.test().rocAucMacro()), "test ROC-AUC " + record.test().rocAucMacro());
        ModelBundle bundle = ModelBundle.fromRun(dir.resolve("results").resolve(record.id()));
        assertEquals(bundle.spec().trainableParams() + 40 * 129 + 256 * 258, record.model().params());
        WeightArray basis = bundle.weights().get(FrontEndWeights.DFT_BASIS);
        assertFalse(Arrays.equals(FrontEndWeights.initialDftBasis(bundle.features()).values(), basis.values()),
                "training moved the DFT basis");
        bundle.write(dir.resolve("bundle"));
        assertEquals(basis, ModelBundle.read(dir.resolve("bundle")).weights().get(FrontEndWeights.DFT_BASIS));
    }
}
