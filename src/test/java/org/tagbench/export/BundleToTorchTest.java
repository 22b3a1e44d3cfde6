package org.tagbench.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tagbench.TwinScript;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.EngineName;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.data.Batch;
import org.tagbench.engine.Network;
import org.tagbench.experiment.Experiment;
import org.tagbench.experiment.TinyRun;
import org.tagbench.files.FileDigest;
import org.tagbench.files.NpyMatrix;
import org.tagbench.frontend.FrontEndWeights;
import org.tagbench.frontend.NetworkInput;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.WeightArray;
import org.tagbench.model.WeightSlot;

/**
 * A bundle leaves tagbench: for each architecture at tiny widths with random weights (running statistics too),
 * NumPy reads weights.npz as exactly the engine's weights, and scripts/bundle_to_torch.py, building plain PyTorch
 * from model.json alone, gives the engine's sigmoid scores on a fixed batch of log-mels to 1e-4. Every architecture
 * is read back by pytorch; DL4J reads the ones whose arrays it lays out differently from PyTorch (a convolution, the
 * GRU's and the LSTM's gate blocks): WeightExchangeTest shows both engines score alike from the same weights.
 */
class BundleToTorchTest {
    private static final Path SCRIPT = Path.of("scripts", "bundle_to_torch.py");
    private static final int ROWS = 3;
    private static final int TAGS = 5;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"k1c2, pytorch", "k2c1, pytorch", "k2c2, pytorch", "crnn, pytorch", "k2c2, dl4j", "crnn, dl4j",
            "fcn, pytorch", "shortchunk, pytorch", "shortchunk-res, pytorch", "samplecnn, pytorch",
            "bilstm-attn, pytorch", "bilstm-attn, dl4j"})
    void plainPyTorchGivesTheEnginesScores(String arch, String engine) throws Exception {
        ModelBundle bundle = randomBundle(Architecture.byName(arch).orElseThrow(), engine, 5, List.of());
        assertScriptGivesTheEnginesScores(arch + " on " + engine, bundle, engine, logmel(bundle.spec(), 9),
                new int[] {ROWS, bundle.spec().melBands(), bundle.spec().frames()}, 1e-4);
    }

    /**
     * A bundle whose front end trained (features.trainable and trainable_dft, top_db on; its filterbank and DFT basis
     * moved off their start at random): the script, fed waveform chunks, computes their log-mels with the bundle's own
     * arrays and gives the engine's scores to 1e-5 (measured: 5e-10 to 6e-8 on either engine; ignoring the trained
     * basis puts them 1.8e-4 off, ignoring the trained filterbank 3.4e-5).
     */
    @ParameterizedTest(name = "k2c2 on {0}")
    @ValueSource(strings = {"pytorch", "dl4j"})
    void aTrainedFrontEndGivesTheEnginesScores(String engine) throws Exception {
        ModelBundle bundle = randomBundle(Architecture.K2C2, engine, 7, List.of("features.frontend=network",
                "features.trainable=true", "features.trainable_dft=true", "features.top_db=50", "features.ref=1e-3"));
        int samples = Experiment.chunkSamples(bundle.config());
        SplittableRandom random = new SplittableRandom(13);
        float[] audio = new float[ROWS * samples];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) (0.2 * random.nextGaussian() * Math.sin(i * 0.01));
        }
        assertScriptGivesTheEnginesScores("k2c2 with a trained front end on " + engine, bundle, engine, audio,
                new int[] {ROWS, samples}, 1e-5);
    }

    /**
     * Writes {@code bundle}, reads it back on {@code engine} and in the script, and compares their arrays and their
     * scores of {@code input} (shaped {@code shape}: the network's input rows), which must agree within
     * {@code tolerance}.
     */
    private void assertScriptGivesTheEnginesScores(String label, ModelBundle bundle, String engine, float[] input,
                                                   int[] shape, double tolerance) throws Exception {
        Path folder = dir.resolve("bundle");
        bundle.write(folder);
        Path npy = Files.write(dir.resolve("input.npy"), NpyMatrix.float32(input, shape));

        float[][] expected;
        Map<String, String> engineArrays = new LinkedHashMap<>();
        try (Network network = ModelBundle.read(folder).network(EngineName.valueOf(engine.toUpperCase()))) {
            expected = network.predict(new Batch(input, new float[ROWS * TAGS], ROWS));
            network.weights().arrays().forEach((name, array) -> engineArrays.put(name, describe(array)));
        }
        List<String> printed = TwinScript.run(SCRIPT, folder.toString(), "--arrays", npy.toString()).lines()
                .toList();
        Map<String, String> numpyArrays = new LinkedHashMap<>();
        printed.subList(0, Math.min(engineArrays.size(), printed.size())).forEach(line -> {
            String[] parts = line.split(" ", 2);
            numpyArrays.put(parts[0], parts[1]);
        });
        List<String> lines = printed.subList(numpyArrays.size(), printed.size());

        assertEquals(engineArrays, numpyArrays);
        assertEquals(ROWS, lines.size(), String.join("\n", lines));
        double worst = 0;
        for (int r = 0; r < ROWS; r++) {
            String[] values = lines.get(r).split(" ");
            assertEquals(TAGS, values.length, lines.get(r));
            for (int t = 0; t < TAGS; t++) {
                worst = Math.max(worst, Math.abs(Double.parseDouble(values[t]) - expected[r][t]));
            }
        }
        long unsaturated = Arrays.stream(expected).flatMapToDouble(row -> IntStream.range(0, TAGS)
                .mapToDouble(t -> row[t])).filter(p -> p > 0.05 && p < 0.95).count();
        System.out.printf("%s: plain PyTorch within %.2e of the engine; %d of %d scores in (0.05, 0.95)%n",
                label, worst, unsaturated, ROWS * TAGS);
        assertTrue(worst <= tolerance, label + ": " + worst);
        assertTrue(unsaturated >= ROWS, "scores this saturated compare nothing: " + Arrays.deepToString(expected));
    }

    /** "shape sha256" of an array's little-endian float32 values, as the script prints them. */
    private static String describe(WeightArray array) {
        ByteBuffer bytes = ByteBuffer.allocate(array.values().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(array.values());
        String shape = String.join("x", IntStream.of(array.shape()).mapToObj(Integer::toString).toList());
        return shape + " " + FileDigest.sha256(bytes.array());
    }

    /**
     * A bundle of {@code arch} at small widths for TinyRun's input (40 mel bands x 0.5 s at 8 kHz, or the 4000
     * samples themselves for a waveform architecture), trained with
     * {@code engine}, every weight drawn from {@code seed}: running variances in [0.5, 1.5], the rest N(0, 0.3^2); a
     * trainable front end's filterbank its start times exp(N(0, 0.3^2)) (positive, as the bands' sums must stay), its
     * DFT basis its start with each bin's two columns times exp(N(0, 0.5^2)), plus N(0, 0.05^2). {@code overrides}
     * change the config.
     */
    private ModelBundle randomBundle(Architecture arch, String engine, long seed, List<String> overrides)
            throws Exception {
        List<String> changes = new ArrayList<>(overrides);
        if (arch.eatsWaveform()) {
            changes.add("features.frontend=none");
        }
        ExperimentConfig config = ConfigLoader.load(TinyRun.config(dir, arch.configName(), 20, 1,
                "model: {arch: " + arch.configName() + ", params: 5k}", "training: {engine: " + engine + "}"),
                changes);
        NetworkInput input = NetworkInput.of(config.features(), Experiment.chunkSamples(config));
        int[] widths = IntStream.range(0, arch.layerNames().size()).map(i -> 3 + i).toArray();
        ModelSpec spec = arch.spec(input.height(), input.width(), TAGS, widths);
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, WeightArray> arrays = new LinkedHashMap<>();
        Map<String, WeightArray> start = FrontEndWeights.withInitial(new ModelWeights(Map.of()), config.features())
                .arrays();
        // The DFT basis's real and imaginary columns scaled alike per bin, so that the bins' powers differ by several dB.
        double[] columnScale = new double[config.features().nFft() + 2];
        for (int c = 0; c < columnScale.length / 2; c++) {
            columnScale[c] = Math.exp(0.5 * random.nextGaussian());
            columnScale[c + columnScale.length / 2] = columnScale[c];
        }
        for (WeightSlot slot : FrontEndWeights.layout(spec, config.features())) {
            float[] values = new float[(int) slot.size()];
            // WeightArray.values() copies: once per slot, not per value.
            float[] initial = start.containsKey(slot.name()) ? start.get(slot.name()).values() : null;
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) switch (slot.role()) {
                    case RUNNING_VARIANCE -> 0.5 + random.nextDouble();
                    case MEL_FILTERBANK -> initial[i] * Math.exp(0.3 * random.nextGaussian());
                    case DFT_BASIS -> initial[i] * columnScale[i % columnScale.length]
                            + 0.05 * random.nextGaussian();
                    default -> 0.3 * random.nextGaussian();
                };
            }
            arrays.put(slot.name(), new WeightArray(slot.shape(), values));
        }
        List<String> tags = new ArrayList<>();
        for (int t = 0; t < TAGS; t++) {
            tags.add("tag " + t);
        }
        ObjectMapper json = new ObjectMapper();
        return new ModelBundle(spec, new ModelWeights(arrays), tags, config, json.createObjectNode(),
                json.createObjectNode());
    }

    /**
     * A fixed batch of standard normal values, as log-mels after a per-frame normalization are (a loud waveform for a
     * waveform network, which its first batch norm scales).
     */
    private static float[] logmel(ModelSpec spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[ROWS * spec.melBands() * spec.frames()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
