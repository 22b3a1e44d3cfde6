package org.tagbench.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tagbench.config.ConfigException;
import org.tagbench.data.Batch;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.pipeline.ChunkFeatures;

/**
 * An ONNX model that {@code tagbench export} wrote, run by ONNX Runtime: it eats a batch of raw chunks (its front
 * end is inside the graph) and gives tag probabilities and the penultimate layer's output. Its metadata_props say how
 * to feed it and how its run was evaluated; a file without them was not made by tagbench and is refused.
 */
public final class OnnxTagger implements Tagger {
    /** metadata key: how many evenly spaced chunks of a track the run's evaluation averaged. */
    public static final String KEY_EVAL_CHUNKS = "eval_chunks";
    /** metadata key: the {@code model summary} number of the layer whose output is the graph's embedding. */
    public static final String KEY_EMBEDDING_LAYER = "embedding_layer";
    private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

    private final Path file;
    private final OrtSession session;
    private final TagVocabulary tags;
    private final int sampleRate;
    private final int chunkSamples;
    private final int chunksPerTrack;
    private final int embeddingLayer;

    private OnnxTagger(Path file, OrtSession session, Map<String, String> metadata) {
        this.file = file;
        this.session = session;
        this.tags = new TagVocabulary(tagList(file, required(file, metadata, OnnxModelWriter.KEY_TAGS)));
        this.sampleRate = number(file, metadata, OnnxModelWriter.KEY_SAMPLE_RATE);
        this.chunkSamples = number(file, metadata, OnnxModelWriter.KEY_CHUNK_SAMPLES);
        this.chunksPerTrack = number(file, metadata, KEY_EVAL_CHUNKS);
        this.embeddingLayer = number(file, metadata, KEY_EMBEDDING_LAYER);
    }

    /**
     * The model in {@code file}, on ONNX Runtime with {@code threads} intra-op threads and every graph optimisation;
     * a file ONNX Runtime cannot load, or one without tagbench's metadata, is a one-line error naming it.
     */
    public static OnnxTagger open(Path file, int threads) {
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = ENVIRONMENT.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new ConfigException(file.toString(), "is not an ONNX model ONNX Runtime loads (" + firstLine(e)
                    + "; expected a model.onnx from tagbench export)");
        }
        Map<String, String> metadata;
        try {
            metadata = session.getMetadata().getCustomMetadata();
        } catch (OrtException e) {
            close(session);
            throw new ConfigException(file.toString(), "has unreadable metadata (" + firstLine(e) + ")");
        }
        try {
            if (!OnnxModelWriter.PRODUCER.equals(metadata.get(OnnxModelWriter.KEY_MADE_BY))) {
                throw new ConfigException(file.toString(), "was not made by tagbench: its metadata has no "
                        + OnnxModelWriter.KEY_MADE_BY + "=" + OnnxModelWriter.PRODUCER + " (expected a model.onnx"
                        + " from tagbench export, which says the tags, sample rate and chunking it needs)");
            }
            return new OnnxTagger(file, session, metadata);
        } catch (RuntimeException e) {
            close(session);
            throw e;
        }
    }

    @Override
    public TagVocabulary tags() {
        return tags;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int chunkSamples() {
        return chunkSamples;
    }

    /** The samples themselves: the graph computes the log-mel. */
    @Override
    public ChunkFeatures features() {
        return ChunkFeatures.samples();
    }

    @Override
    public int chunksPerTrack() {
        return chunksPerTrack;
    }

    @Override
    public int embeddingLayer() {
        return embeddingLayer;
    }

    /** Only the embedding's layer, by its number: the graph has no other layer's output. */
    @Override
    public int layer(String name) {
        if (name.equals(Integer.toString(embeddingLayer))) {
            return embeddingLayer;
        }
        throw new ConfigException("--layer", name + ": " + file + " gives only layer " + embeddingLayer + "'s output"
                + " (its embedding; embed with the bundle or the run for other layers)");
    }

    @Override
    public float[][] scores(Batch chunks) {
        return run(chunks, OnnxModelWriter.TAGS);
    }

    @Override
    public float[][] embeddings(Batch chunks, int layer) {
        if (layer != embeddingLayer) {
            throw new IllegalArgumentException("layer " + layer + ": " + file + " gives only layer " + embeddingLayer
                    + "'s output");
        }
        return run(chunks, OnnxModelWriter.EMBEDDING);
    }

    /** The graph's output {@code output} for the chunks of {@code chunks}, a row per chunk. */
    private float[][] run(Batch chunks, String output) {
        try (OnnxTensor audio = OnnxTensor.createTensor(ENVIRONMENT, FloatBuffer.wrap(chunks.features()),
                new long[] {chunks.rows(), chunkSamples});
             OrtSession.Result result = session.run(Map.of(OnnxModelWriter.INPUT, audio), Set.of(output))) {
            OnnxValue value = result.get(output).orElseThrow();
            return (float[][]) value.getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + file + ": " + firstLine(e), e);
        }
    }

    @Override
    public void close() {
        close(session);
    }

    private static void close(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not free a session: " + firstLine(e), e);
        }
    }

    private static String required(Path file, Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        if (value == null) {
            throw new ConfigException(file.toString(), "has no metadata key " + key + " (expected a model.onnx from"
                    + " tagbench export; export the run again)");
        }
        return value;
    }

    private static int number(Path file, Map<String, String> metadata, String key) {
        String value = required(file, metadata, key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(file.toString(), "metadata " + key + " is " + value + " (expected a whole"
                    + " number)");
        }
    }

    private static List<String> tagList(Path file, String json) {
        try {
            return new ObjectMapper().readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new ConfigException(file.toString(), "metadata " + OnnxModelWriter.KEY_TAGS + " is not a JSON list"
                    + " of tag names");
        }
    }

    private static String firstLine(OrtException e) {
        String message = String.valueOf(e.getMessage());
        return message.lines().findFirst().orElse(message);
    }
}
