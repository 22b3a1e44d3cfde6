package org.tagbench.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ConventionsName;
import org.tagbench.config.EngineName;
import org.tagbench.config.LossName;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.engine.Engine;
import org.tagbench.engine.Network;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.experiment.Versions;
import org.tagbench.frontend.MelSpectrogram;
import org.tagbench.frontend.NetworkInput;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.WeightArray;
import org.tagbench.model.WeightLayout;

/**
 * An exported model run in ONNX Runtime gives the probabilities of the engine it came from (its {@code predict} on
 * the CPU log-mel) within 1e-4, for every architecture and both engines, on noise and on a decoded recording; its
 * embedding output is what the sigmoid layer eats; ONNX's own checker accepts the file; its metadata says what a
 * caller needs. Widths are tiny and chunks 1.5 s, so each case takes about a second.
 */
class OnnxModelWriterTest {
    private static final double PROBABILITY_TOLERANCE = 1e-4;
    private static final FeatureConfig FEATURES = ConfigLoader.features(null, List.of());
    /** 1.5 s at 12 kHz: 71 frames. */
    private static final int CHUNK = 18000;
    private static final List<String> TAGS = List.of("rock", "jazz", "piano", "female vocal", "slow");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} on {1} under {2} conventions")
    @CsvSource({"K1C2, PYTORCH, PYTORCH", "K2C1, PYTORCH, KERAS", "K2C2, PYTORCH, PYTORCH", "CRNN, PYTORCH, KERAS",
            "K1C2, DL4J, KERAS", "K2C1, DL4J, PYTORCH", "K2C2, DL4J, KERAS", "CRNN, DL4J, PYTORCH", "FCN, PYTORCH, PYTORCH",
            "FCN, DL4J, KERAS", "SHORTCHUNK, PYTORCH, KERAS", "SHORTCHUNK, DL4J, PYTORCH",
            "SHORTCHUNK_RES, PYTORCH, PYTORCH", "SHORTCHUNK_RES, PYTORCH, KERAS", "SHORTCHUNK_RES, DL4J, DL4J",
            "SAMPLECNN, PYTORCH, PYTORCH", "SAMPLECNN, DL4J, KERAS",
            "BILSTM_ATTN, PYTORCH, KERAS", "BILSTM_ATTN, DL4J, PYTORCH",
            "MUSICNN, PYTORCH, PYTORCH", "MUSICNN, PYTORCH, KERAS", "MUSICNN, DL4J, DL4J"})
    void onnxRuntimeGivesTheEnginesProbabilities(Architecture arch, EngineName engine, ConventionsName conventions)
            throws Exception {
        float[][] audio = {OnnxFrontEndTest.noise(CHUNK, 1), OnnxFrontEndTest.noise(CHUNK, 2),
                OnnxFrontEndTest.recording(FEATURES.sampleRate(), CHUNK)};
        TrainingConventions trained = TrainingConventions.of(conventions);
        try (Network network = trainedNetwork(arch, engine, trained)) {
            Path file = dir.resolve(arch + ".onnx");
            OnnxModelWriter.write(network.spec(), network.weights(), trained, features(arch), TAGS,
                    CHUNK, Map.of(), file);

            Map<String, Object> out = OnnxRun.outputs(Files.readAllBytes(file), OnnxModelWriter.INPUT, audio);

            float[][] expected = network.predict(input(arch, audio));
            float[][] tags = (float[][]) out.get(OnnxModelWriter.TAGS);
            assertEquals(audio.length, tags.length);
            for (int i = 0; i < audio.length; i++) {
                assertArrayEquals(expected[i], tags[i], (float) PROBABILITY_TOLERANCE, "example " + i);
            }
            assertEmbeddingFeedsTheSigmoidLayer((float[][]) out.get(OnnxModelWriter.EMBEDDING), tags,
                    network.weights(), network.spec());
        }
    }

    /** A multiclass network (cross-entropy) ends in a softmax in ONNX as in the engine: rows sum to one. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(EngineName.class)
    void aMulticlassNetworkEndsInTheEnginesSoftmax(EngineName engine) throws Exception {
        TrainingConventions conventions = TrainingConventions.PYTORCH.minimising(LossName.CROSS_ENTROPY);
        float[][] audio = {OnnxFrontEndTest.noise(CHUNK, 1), OnnxFrontEndTest.recording(FEATURES.sampleRate(), CHUNK)};
        try (Network network = trainedNetwork(Architecture.K2C2, engine, conventions)) {
            Path file = dir.resolve("multiclass-" + engine + ".onnx");
            OnnxModelWriter.write(network.spec(), network.weights(), conventions, FEATURES, TAGS, CHUNK, Map.of(),
                    file);

            float[][] classes = (float[][]) OnnxRun.outputs(Files.readAllBytes(file), OnnxModelWriter.INPUT, audio)
                    .get(OnnxModelWriter.TAGS);

            float[][] expected = network.predict(input(Architecture.K2C2, audio));
            for (int i = 0; i < audio.length; i++) {
                assertArrayEquals(expected[i], classes[i], (float) PROBABILITY_TOLERANCE, "example " + i);
                double sum = 0;
                for (float p : classes[i]) {
                    sum += p;
                }
                assertEquals(1.0, sum, 1e-5, "example " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"K1C2", "K2C1", "K2C2", "CRNN", "FCN", "SHORTCHUNK", "SHORTCHUNK_RES", "SAMPLECNN", "BILSTM_ATTN",
            "MUSICNN"})
    void onnxCheckerAcceptsTheFile(Architecture arch) throws Exception {
        Path file = dir.resolve(arch + ".onnx");
        try (Network network = trainedNetwork(arch, EngineName.PYTORCH, TrainingConventions.PYTORCH)) {
            OnnxModelWriter.write(network.spec(), network.weights(), TrainingConventions.PYTORCH,
                    features(arch), TAGS, CHUNK, Map.of(), file);
        }
        // full_check also runs ONNX's shape inference over every node.
        Process checker = new ProcessBuilder("/usr/bin/python3", "-c", "import onnx, sys; "
                + "onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True); print('checked')",
                file.toString()).redirectErrorStream(true).start();
        assertTrue(checker.waitFor(120, TimeUnit.SECONDS), "the checker did not finish");
        String said = new String(checker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, checker.exitValue(), said);
        assertEquals("checked", said.strip());
    }

    @Test
    void metadataSaysWhatACallerNeedsAndThatTagbenchMadeIt() throws Exception {
        Path file = dir.resolve("model.onnx");
        try (Network network = trainedNetwork(Architecture.K2C2, EngineName.PYTORCH, TrainingConventions.PYTORCH)) {
            OnnxModelWriter.write(network.spec(), network.weights(), TrainingConventions.PYTORCH, FEATURES,
                    TAGS, CHUNK, Map.of("experiment_key", "abc123"), file);
        }
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(file.toString())) {
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertEquals("tagbench", session.getMetadata().getProducerName());
            assertEquals("tagbench", meta.get(OnnxModelWriter.KEY_MADE_BY));
            assertEquals(Versions.tagbench(), meta.get(OnnxModelWriter.KEY_VERSION));
            assertEquals(TAGS, List.of(new ObjectMapper().readValue(meta.get(OnnxModelWriter.KEY_TAGS),
                    String[].class)));
            assertEquals("12000", meta.get(OnnxModelWriter.KEY_SAMPLE_RATE));
            assertEquals("18000", meta.get(OnnxModelWriter.KEY_CHUNK_SAMPLES));
            assertEquals("k2c2", meta.get(OnnxModelWriter.KEY_ARCHITECTURE));
            assertEquals("abc123", meta.get("experiment_key"));
            // The features section reads back as the same settings.
            FeatureConfig features = ConfigLoader.features(null, overrides(meta.get(OnnxModelWriter.KEY_FEATURES)));
            assertEquals(FEATURES, features);
            assertEquals(List.of(OnnxModelWriter.INPUT), List.copyOf(session.getInputNames()));
            assertEquals(List.of(OnnxModelWriter.TAGS, OnnxModelWriter.EMBEDDING),
                    List.copyOf(session.getOutputNames()));
        }
    }

    @Test
    void aWaveformNetworkHasNoFrontEndAndItsMetadataSaysSo() throws IOException {
        FeatureConfig none = features(Architecture.SAMPLECNN);
        try (Network network = trainedNetwork(Architecture.SAMPLECNN, EngineName.PYTORCH,
                TrainingConventions.PYTORCH)) {
            ModelProto model = OnnxModelWriter.model(network.spec(), network.weights(),
                    TrainingConventions.PYTORCH, none, TAGS, CHUNK, Map.of());
            // The front end's DFT and filterbank are MatMuls; the network's only dense layer is a Gemm.
            assertEquals(List.of(), model.getGraph().getNodeList().stream().map(NodeProto::getOpType)
                    .filter(op -> op.equals("MatMul")).toList());
            assertEquals("Unsqueeze", model.getGraph().getNode(0).getOpType());
            Map<String, String> meta = new HashMap<>();
            model.getMetadataPropsList().forEach(p -> meta.put(p.getKey(), p.getValue()));
            assertEquals("samplecnn", meta.get(OnnxModelWriter.KEY_ARCHITECTURE));
            assertEquals(none, ConfigLoader.features(null, overrides(meta.get(OnnxModelWriter.KEY_FEATURES))));
            assertTrue(meta.get(OnnxModelWriter.KEY_FEATURES).contains("\"frontend\":\"none\""),
                    meta.get(OnnxModelWriter.KEY_FEATURES));
        }
    }

    @Test
    void aChunkWhoseLogMelIsNotTheNetworksInputIsRefusedAndNothingIsWritten() throws Exception {
        Path file = dir.resolve("model.onnx");
        try (Network network = trainedNetwork(Architecture.K2C2, EngineName.PYTORCH, TrainingConventions.PYTORCH)) {
            ModelSpec spec = network.spec();
            ModelWeights weights = network.weights();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxModelWriter.write(
                    spec, weights, TrainingConventions.PYTORCH, FEATURES, TAGS, 24000, Map.of(), file));
            assertEquals("the k2c2 network eats 96 x 71 (mel bands x frames, or 1 x samples), but the features give"
                    + " 96 x 94 for a chunk of 24000 samples", e.getMessage());
            IllegalArgumentException reserved = assertThrows(IllegalArgumentException.class,
                    () -> OnnxModelWriter.write(spec, weights, TrainingConventions.PYTORCH, FEATURES, TAGS,
                            CHUNK, Map.of("tags", "[]"), file));
            assertTrue(reserved.getMessage().startsWith("metadata key tags is tagbench's own"), reserved.getMessage());
        }
        assertFalse(Files.exists(file));
    }

    /**
     * A tiny network of {@code arch} whose batch norms have running statistics from a few steps on real log-mel (or
     * on the waveform, for an architecture that eats it).
     */
    private static Network trainedNetwork(Architecture arch, EngineName engine, TrainingConventions conventions) {
        NetworkInput input = NetworkInput.of(features(arch), CHUNK);
        ModelSpec spec = arch.spec(input.height(), input.width(), TAGS.size(),
                arch.layerWidths(new int[] {3, 4, 5, 6}));
        Network network = Engine.named(engine).build(spec, OptimizerConfig.adam(0.01), conventions, 7);
        for (int step = 0; step < 3; step++) {
            float[][] audio = new float[4][];
            for (int i = 0; i < audio.length; i++) {
                audio[i] = OnnxFrontEndTest.noise(CHUNK, 100 + 4 * step + i);
            }
            network.fit(input(arch, audio));
        }
        return network;
    }

    /** The features {@code arch} is exported with: the default log-mel, or none for a waveform architecture. */
    private static FeatureConfig features(Architecture arch) {
        return arch.eatsWaveform() ? ConfigLoader.features(null, List.of("features.frontend=none")) : FEATURES;
    }

    /** What the engine's network of {@code arch} eats for {@code audio}: its CPU log-mel, or the waveform itself. */
    private static Batch input(Architecture arch, float[][] audio) {
        if (!arch.eatsWaveform()) {
            return logMel(audio);
        }
        float[] features = new float[audio.length * CHUNK];
        float[] labels = new float[audio.length * TAGS.size()];
        for (int i = 0; i < audio.length; i++) {
            System.arraycopy(audio[i], 0, features, i * CHUNK, CHUNK);
            labels[i * TAGS.size() + i % TAGS.size()] = 1;
        }
        return new Batch(features, labels, audio.length);
    }

    /** The CPU log-mel of each waveform, as a batch with arbitrary labels. */
    private static Batch logMel(float[][] audio) {
        MelSpectrogram cpu = new MelSpectrogram(FEATURES);
        int size = FEATURES.nMels() * cpu.frames(CHUNK);
        float[] features = new float[audio.length * size];
        float[] labels = new float[audio.length * TAGS.size()];
        for (int i = 0; i < audio.length; i++) {
            System.arraycopy(cpu.compute(audio[i]), 0, features, i * size, size);
            labels[i * TAGS.size() + i % TAGS.size()] = 1;
        }
        return new Batch(features, labels, audio.length);
    }

    /** sigmoid(embedding · Wᵀ + b) with the output layer's weights, in double, equals the tags output. */
    private static void assertEmbeddingFeedsTheSigmoidLayer(float[][] embedding, float[][] tags, ModelWeights weights,
                                                            ModelSpec spec) {
        String prefix = WeightLayout.prefix(spec.layers().size() - 1);
        WeightArray w = weights.get(prefix + "linear.weight");
        float[] b = weights.get(prefix + "linear.bias").values();
        float[] values = w.values();
        int in = w.shape()[1];
        for (int i = 0; i < tags.length; i++) {
            assertEquals(in, embedding[i].length);
            for (int t = 0; t < spec.tags(); t++) {
                double logit = b[t];
                for (int k = 0; k < in; k++) {
                    logit += (double) values[t * in + k] * embedding[i][k];
                }
                assertEquals(1 / (1 + Math.exp(-logit)), tags[i][t], 1e-6, "example " + i + " tag " + t);
            }
        }
    }

    /** A features JSON object as {@code features.key=value} overrides. */
    private static List<String> overrides(String json) throws IOException {
        List<String> out = new ArrayList<>();
        new ObjectMapper().readTree(json).fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                out.add("features." + e.getKey() + "=" + e.getValue().asText());
            }
        });
        return out;
    }
}
