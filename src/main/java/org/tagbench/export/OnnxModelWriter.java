package org.tagbench.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.FrontEndPlacement;
import org.tagbench.frontend.FrontEndWeights;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.experiment.Versions;
import org.tagbench.files.AtomicFile;
import org.tagbench.frontend.NetworkInput;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;

/**
 * Writes a trained network as one ONNX model (opset 17) that eats audio: input {@value #INPUT}, [batch, chunk
 * samples] float32 mono waveforms at the model's sample rate; the whole log-mel front end inside
 * ({@link OnnxFrontEnd}; none for a waveform network, {@code features.frontend: none}), then the network in
 * inference mode ({@link OnnxNetwork}); outputs {@value #TAGS}, [batch, tags] probabilities, and
 * {@value #EMBEDDING}, [batch, n] the input of the output layer. Its metadata_props say what a caller needs to feed
 * it and read it (tag names, sample rate, chunk length, the features section), and that tagbench made it.
 */
public final class OnnxModelWriter {
    /** The graph input: a batch of mono waveforms, [batch, chunk samples]. */
    public static final String INPUT = "audio";
    /** The graph output of per-tag probabilities, [batch, tags]. */
    public static final String TAGS = "tags";
    /** The graph output of the penultimate layer (the output layer's input), [batch, n]. */
    public static final String EMBEDDING = "embedding";
    /** The ONNX operator set the graph uses. */
    public static final int OPSET = 17;
    /** IR version 8 (ONNX 1.10 to 1.12): the newest that Debian's python3-onnx 1.12 checks; opset 17 needs 8. */
    static final int IR_VERSION = 8;
    /** The model's producer_name, and the value of {@link #KEY_MADE_BY}. */
    public static final String PRODUCER = "tagbench";
    /** metadata key: {@value #PRODUCER}, the marker that tagbench made the file. */
    public static final String KEY_MADE_BY = "made_by";
    /** metadata key: the tagbench version that wrote the file. */
    public static final String KEY_VERSION = "tagbench_version";
    /** metadata key: the tag names in output order, a JSON list of strings. */
    public static final String KEY_TAGS = "tags";
    /** metadata key: the sample rate (Hz) the input must have, an integer. */
    public static final String KEY_SAMPLE_RATE = "sample_rate";
    /** metadata key: the input's length in samples (one chunk), an integer. */
    public static final String KEY_CHUNK_SAMPLES = "chunk_samples";
    /** metadata key: the {@code features} config section the graph computes, as JSON (snake_case keys). */
    public static final String KEY_FEATURES = "features";
    /** metadata key: the network's architecture by its config name, e.g. {@code k2c2}. */
    public static final String KEY_ARCHITECTURE = "architecture";
    private static final List<String> RESERVED = List.of(KEY_MADE_BY, KEY_VERSION, KEY_TAGS, KEY_SAMPLE_RATE,
            KEY_CHUNK_SAMPLES, KEY_FEATURES, KEY_ARCHITECTURE);

    private OnnxModelWriter() {
    }

    /**
     * Writes {@code spec} with {@code weights} (the engine-neutral layout of {@code Network.weights()}, a trainable
     * front end's filterbank and DFT basis included, which the graph then holds as its constants; batch norms with
     * the epsilon of {@code conventions}, whose objective also picks the output: a softmax over classes for
     * cross-entropy, else a sigmoid per tag), behind the front end of {@code features} for chunks of
     * {@code chunkSamples}, to {@code file} atomically; {@code tags} name the outputs in order and {@code metadata}
     * adds keys of the caller's (e.g. provenance) beside the reserved ones.
     */
    public static void write(ModelSpec spec, ModelWeights weights, TrainingConventions conventions,
                             FeatureConfig features, List<String> tags, int chunkSamples, Map<String, String> metadata,
                             Path file) throws IOException {
        ModelProto model = model(spec, weights, conventions, features, tags, chunkSamples, metadata);
        AtomicFile.write(file, model::writeTo);
    }

    /** The ONNX model {@link #write} writes. */
    static ModelProto model(ModelSpec spec, ModelWeights weights, TrainingConventions conventions,
                            FeatureConfig features, List<String> tags, int chunkSamples,
                            Map<String, String> metadata) {
        requireFit(spec, features, tags, chunkSamples);
        weights.requireLayout(FrontEndWeights.layout(spec, features));
        OnnxGraph graph = new OnnxGraph("tagbench_" + spec.arch().configName());
        String audio = graph.input(INPUT, chunkSamples);
        // Without a front end the waveform is the network's one-band input map, [batch, 1, samples].
        String input = features.frontend() == FrontEndPlacement.NONE
                ? graph.node("Unsqueeze", List.of(audio, graph.longs("band_axis", 1)))
                : OnnxFrontEnd.add(graph, features, FrontEndWeights.dftBasis(features, weights),
                        FrontEndWeights.melMatrix(features, weights), chunkSamples, audio);
        OnnxNetwork.Outputs outputs = OnnxNetwork.add(graph, spec, FrontEndWeights.withoutFrontEnd(weights),
                conventions.batchNorm(), conventions.softmaxOutputs(), input);
        graph.output(outputs.tags(), TAGS, spec.tags());
        graph.output(outputs.embedding(), EMBEDDING, outputs.embeddingSize());
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName(PRODUCER)
                .setProducerVersion(Versions.tagbench())
                .setGraph(graph.build());
        properties(spec, features, tags, chunkSamples, metadata)
                .forEach((k, v) -> model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build();
    }

    /** The metadata_props: the reserved keys, then the caller's. */
    private static Map<String, String> properties(ModelSpec spec, FeatureConfig features, List<String> tags,
                                                  int chunkSamples, Map<String, String> metadata) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(KEY_MADE_BY, PRODUCER);
        props.put(KEY_VERSION, Versions.tagbench());
        try {
            props.put(KEY_TAGS, new ObjectMapper().writeValueAsString(tags));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is JSON", e);
        }
        props.put(KEY_SAMPLE_RATE, Integer.toString(features.sampleRate()));
        props.put(KEY_CHUNK_SAMPLES, Integer.toString(chunkSamples));
        props.put(KEY_FEATURES, ConfigLoader.featuresJson(features));
        props.put(KEY_ARCHITECTURE, spec.arch().configName());
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (RESERVED.contains(e.getKey())) {
                throw new IllegalArgumentException("metadata key " + e.getKey() + " is tagbench's own; expected "
                        + "a key other than " + String.join(", ", RESERVED));
            }
            props.put(e.getKey(), e.getValue());
        }
        return props;
    }

    /**
     * Fails unless the front end's log-mel for a chunk (or the chunk itself, without a front end) is the network's
     * input and the tags are its outputs.
     */
    private static void requireFit(ModelSpec spec, FeatureConfig features, List<String> tags, int chunkSamples) {
        NetworkInput input = NetworkInput.of(features, chunkSamples);
        if (input.height() != spec.melBands() || input.width() != spec.frames()) {
            throw new IllegalArgumentException("the " + spec.arch() + " network eats " + spec.melBands() + " x "
                    + spec.frames() + " (mel bands x frames, or 1 x samples), but the features give "
                    + input.height() + " x " + input.width() + " for a chunk of " + chunkSamples + " samples");
        }
        if (tags.size() != spec.tags()) {
            throw new IllegalArgumentException(tags.size() + " tag names for a network of " + spec.tags()
                    + " outputs");
        }
    }
}
