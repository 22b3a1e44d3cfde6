package org.tagbench.engine.pytorch;

import org.tagbench.engine.Network;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tagbench.engine.RandomBatches.randomBatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.model.Architecture;
import org.tagbench.model.ArchitectureInputs;
import org.tagbench.model.ConvBlock;
import org.tagbench.model.DenseBlock;
import org.tagbench.model.Gru;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.SpectrogramBatchNorm;
import org.tagbench.model.TimeBatchNorm;
import org.tagbench.model.WeightArray;
import org.tagbench.model.WeightLayout;
import org.tagbench.model.WeightSlot;

class PyTorchNetworkTest {
    private static final OptimizerConfig ADAM = OptimizerConfig.adam(0.01);
    /** SGD with Nesterov momentum and weight decay, so that both of their states take part. */
    private static final OptimizerConfig NESTEROV = new OptimizerConfig("sgd", 0.05, 0.9, 0.999, 1e-3, 0.9, true);

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void weightsHaveTheLayoutsNamesShapesAndInitialValues(Architecture arch) {
        ModelSpec spec = small(arch);
        try (PyTorchNetwork network = PyTorchNetwork.build(spec, ADAM, TrainingConventions.DL4J, 2)) {
            ModelWeights weights = network.weights();
            List<WeightSlot> layout = WeightLayout.of(spec);
            assertEquals(layout.stream().map(WeightSlot::name).toList(), List.copyOf(weights.arrays().keySet()));
            for (WeightSlot slot : layout) {
                WeightArray array = weights.get(slot.name());
                assertArrayEquals(slot.shape(), array.shape(), slot.name());
                if (slot.name().matches(".*(bias|bias_ih|bias_hh|running_mean)")) {
                    assertArrayEquals(new float[array.values().length], array.values(), slot.name());
                } else if (slot.name().endsWith("running_var") || isBatchNormScale(spec, slot.name())) {
                    float[] ones = new float[array.values().length];
                    Arrays.fill(ones, 1f);
                    assertArrayEquals(ones, array.values(), slot.name());
                }
            }
        }
    }

    @Test
    void convolutionWeightsAreHeNormalAndGruWeightsGlorotUniform() {
        // Wide enough layers for the sample spread to pin the distribution.
        ModelSpec spec = Architecture.CRNN.spec(16, 40, 3, new int[] {32, 32, 32, 32, 64, 64});
        try (PyTorchNetwork network = PyTorchNetwork.build(spec, ADAM, TrainingConventions.DL4J, 3)) {
            ModelWeights weights = network.weights();
            String secondConv = WeightLayout.prefix(spec.layers().indexOf(spec.layersOf(ConvBlock.class).get(1)));
            String secondGru = WeightLayout.prefix(spec.layers().indexOf(spec.layersOf(Gru.class).get(1)));
            float[] conv = weights.get(secondConv + "conv.weight").values();
            // 32 in channels x 3 x 3: std sqrt(2 / 288).
            assertEquals(Math.sqrt(2.0 / 288), std(conv), 0.05 * Math.sqrt(2.0 / 288));
            float[] recurrent = weights.get(secondGru + "weight_hh").values();
            // Glorot uniform over fan in 64 and fan out 3 x 64: bound sqrt(6 / 256), std bound / sqrt(3).
            double bound = Math.sqrt(6.0 / 256);
            assertEquals(bound / Math.sqrt(3), std(recurrent), 0.05 * bound / Math.sqrt(3));
            for (float w : recurrent) {
                assertTrue(Math.abs(w) <= bound, "GRU weight " + w + " beyond " + bound);
            }
        }
    }

    @Test
    void theSameSeedDrawsTheSameWeights() {
        ModelSpec spec = small(Architecture.K2C2);
        try (PyTorchNetwork a = PyTorchNetwork.build(spec, ADAM, TrainingConventions.DL4J, 4);
             PyTorchNetwork b = PyTorchNetwork.build(spec, ADAM, TrainingConventions.DL4J, 4);
             PyTorchNetwork c = PyTorchNetwork.build(spec, ADAM, TrainingConventions.DL4J, 5)) {
            assertEquals(a.weights(), b.weights());
            assertNotEquals(a.weights(), c.weights());
        }
    }

    /**
     * What the engine contract's resume test leaves out: the learning rate set by a schedule and Adam's step count
     * travel in the checkpoint, and win over those of the network that reads it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"adam", "sgd"})
    void aCheckpointCarriesTheLearningRateAndStepCount(String optimizer) throws IOException {
        ModelSpec spec = small(Architecture.CRNN);
        OptimizerConfig config = optimizer.equals("adam") ? ADAM : NESTEROV;
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batches.add(randomBatch(spec, 6, 100 + i));
        }
        double[] unbroken = new double[batches.size()];
        try (PyTorchNetwork network = PyTorchNetwork.build(spec, config, TrainingConventions.DL4J, 13)) {
            train(network, batches, 0, batches.size(), unbroken);
        }

        double[] resumed = new double[batches.size()];
        byte[] checkpoint;
        try (PyTorchNetwork network = PyTorchNetwork.build(spec, config, TrainingConventions.DL4J, 13)) {
            train(network, batches, 0, 5, resumed);
            checkpoint = written(network, true);
        }
        try (PyTorchNetwork fresh = PyTorchNetwork.build(spec, config.withLr(0.5), TrainingConventions.DL4J, 99);
             PyTorchNetwork network = fresh.read(new ByteArrayInputStream(checkpoint))) {
            train(network, batches, 5, batches.size(), resumed);
        }
        for (int i = 5; i < batches.size(); i++) {
            assertEquals(unbroken[i], resumed[i], 1e-6, "loss of step " + i);
        }
    }

    @Test
    void withoutOptimizerStateAReadNetworkHasTheWeightsAndAFreshOptimizer() throws IOException {
        ModelSpec spec = small(Architecture.K2C1);
        Batch batch = randomBatch(spec, 6, 17);
        try (PyTorchNetwork trained = PyTorchNetwork.build(spec, ADAM, TrainingConventions.DL4J, 19)) {
            for (int i = 0; i < 3; i++) {
                trained.fit(batch);
            }
            byte[] weightsOnly = written(trained, false);
            try (PyTorchNetwork read = trained.read(new ByteArrayInputStream(weightsOnly));
                 PyTorchNetwork restarted = PyTorchNetwork.build(spec, ADAM, TrainingConventions.DL4J, 23)) {
                assertEquals(trained.weights(), read.weights());
                assertArrayEquals(trained.predict(batch), read.predict(batch));
                restarted.load(trained.weights());
                // Adam's first update from fresh moments is lr * sign(g), whatever the trained moments were.
                read.fit(batch);
                restarted.fit(batch);
                assertEquals(restarted.weights(), read.weights());
                trained.fit(batch);
                assertNotEquals(trained.weights(), read.weights());
            }
        }
    }

    @Test
    void aNetworkWrittenForAnotherSpecIsRejected() throws IOException {
        ModelSpec k2c2 = small(Architecture.K2C2);
        ModelSpec crnn = small(Architecture.CRNN);
        try (PyTorchNetwork written = PyTorchNetwork.build(k2c2, ADAM, TrainingConventions.DL4J, 1);
             PyTorchNetwork reader = PyTorchNetwork.build(crnn, ADAM, TrainingConventions.DL4J, 1)) {
            byte[] bytes = written(written, true);
            IOException wrong = assertThrows(IOException.class, () -> reader.read(new ByteArrayInputStream(bytes)));
            assertEquals("the network was saved as k2c2 widths " + k2c2.widths() + " on 16 x 40 with 3 tags, not crnn "
                    + "widths " + crnn.widths() + " on 16 x 40 with 3 tags", wrong.getMessage());
            IOException notOurs = assertThrows(IOException.class,
                    () -> reader.read(new ByteArrayInputStream(new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                            0, 0, 0, 0, 0, 0, 0, 0})));
            assertTrue(notOurs.getMessage().startsWith("not a network written by the pytorch engine"),
                    notOurs.getMessage());
        }
    }

    @Test
    void aNetworkIsReadUnderTheConventionsItWasTrainedWithAndAFileFromBeforeThemUnderDl4js() throws IOException {
        ModelSpec spec = small(Architecture.K2C2);
        try (PyTorchNetwork keras = PyTorchNetwork.build(spec, ADAM, TrainingConventions.KERAS, 1);
             PyTorchNetwork dl4j = PyTorchNetwork.build(spec, ADAM, TrainingConventions.DL4J, 2);
             PyTorchNetwork pytorch = PyTorchNetwork.build(spec, ADAM, TrainingConventions.PYTORCH, 3)) {
            byte[] kerasFile = written(keras, true);
            IOException other = assertThrows(IOException.class,
                    () -> pytorch.read(new ByteArrayInputStream(kerasFile)));
            assertEquals("the network was trained under training.conventions keras, not pytorch", other.getMessage());

            byte[] beforeConventions = withoutConventions(written(dl4j, true));
            try (PyTorchNetwork read = dl4j.read(new ByteArrayInputStream(beforeConventions))) {
                assertEquals(dl4j.weights(), read.weights());
            }
            IOException old = assertThrows(IOException.class,
                    () -> pytorch.read(new ByteArrayInputStream(beforeConventions)));
            assertEquals("the network was trained under training.conventions dl4j, not pytorch", old.getMessage());
        }
    }

    /** A network file as the engine wrote it before conventions existed: its header names none. */
    private static byte[] withoutConventions(byte[] file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(file));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals("network.json")) {
                    ObjectNode header = (ObjectNode) new ObjectMapper().readTree(bytes);
                    assertEquals("dl4j", header.remove("conventions").asText());
                    bytes = new ObjectMapper().writeValueAsBytes(header);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void runningStatisticsFollowDl4jsRuleWithTheBiasedBatchVariance() {
        ModelSpec spec = small(Architecture.K2C2);
        assertTrue(spec.layers().get(0) instanceof TimeBatchNorm);
        int rows = 4;
        Batch batch = randomBatch(spec, rows, 29);
        try (PyTorchNetwork network = PyTorchNetwork.build(spec, ADAM, TrainingConventions.DL4J, 31)) {
            network.fit(batch);
            float[] mean = network.weights().get("layers.0.running_mean").values();
            float[] variance = network.weights().get("layers.0.running_var").values();
            float[] x = batch.features();
            int bands = spec.melBands();
            int frames = spec.frames();
            for (int f = 0; f < frames; f++) {
                double sum = 0;
                double squares = 0;
                for (int r = 0; r < rows; r++) {
                    for (int b = 0; b < bands; b++) {
                        double v = x[(r * bands + b) * frames + f];
                        sum += v;
                        squares += v * v;
                    }
                }
                int n = rows * bands;
                double batchMean = sum / n;
                double biasedVariance = squares / n - batchMean * batchMean;
                assertEquals(0.1 * batchMean, mean[f], 1e-6, "running mean of frame " + f);
                assertEquals(0.9 + 0.1 * biasedVariance, variance[f], 2e-6, "running variance of frame " + f);
            }
        }
    }

    @Test
    void aOneRowBatchTrainsADenseLayersNormAsDl4jDoes() {
        ModelSpec spec = small(Architecture.K1C2);
        int dense = spec.layers().indexOf(spec.layersOf(DenseBlock.class).get(0));
        String runningVar = WeightLayout.prefix(dense) + "bn.running_var";
        try (PyTorchNetwork network = PyTorchNetwork.build(spec, ADAM, TrainingConventions.DL4J, 37)) {
            network.fit(randomBatch(spec, 5, 41));
            float[] before = network.weights().get(runningVar).values();
            double loss = network.fit(randomBatch(spec, 1, 43));
            assertTrue(Double.isFinite(loss), "loss " + loss);
            float[] after = network.weights().get(runningVar).values();
            // One value per feature: the batch variance is 0, so the running variance only decays.
            for (int i = 0; i < before.length; i++) {
                assertEquals(0.9f * before[i], after[i], 1e-6f);
            }
        }
    }

    /** Small widths on a short input: every architecture's layers, fast. */
    private static ModelSpec small(Architecture arch) {
        return ArchitectureInputs.spec(arch, 16, 40, 3, new int[] {8, 16, 16, 16});
    }

    /**
     * Steps {@code from} to {@code to} of a run, each seeded as the trainer seeds them, losses into {@code losses};
     * the learning rate changes before step 3, as a schedule would.
     */
    private static void train(Network network, List<Batch> batches, int from, int to, double[] losses) {
        for (int i = from; i < to; i++) {
            if (i == 3) {
                network.setLearningRate(0.004);
            }
            network.seedStep(1000 + i);
            losses[i] = network.fit(batches.get(i));
        }
    }

    private static byte[] written(Network network, boolean withOptimizerState) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        network.write(out, withOptimizerState);
        return out.toByteArray();
    }

    /** A block's batch-norm scale, or the input's (per frame, or of the whole spectrogram: the first layer's). */
    private static boolean isBatchNormScale(ModelSpec spec, String name) {
        return name.endsWith("bn.weight") || spec.layers().stream()
                .filter(layer -> layer instanceof TimeBatchNorm || layer instanceof SpectrogramBatchNorm)
                .anyMatch(norm -> name.equals(WeightLayout.prefix(spec.layers().indexOf(norm)) + "weight"));
    }

    private static double std(float[] values) {
        double sum = 0;
        double squares = 0;
        for (float v : values) {
            sum += v;
            squares += v * (double) v;
        }
        double mean = sum / values.length;
        return Math.sqrt(squares / values.length - mean * mean);
    }
}
