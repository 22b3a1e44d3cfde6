package org.tagbench.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tagbench.config.ConfigException;
import org.tagbench.data.Batch;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.pipeline.ChunkFeatures;
import org.tagbench.experiment.Experiment;

/**
 * A trained model that turns audio chunks into tag probabilities and embeddings, with everything needed to feed it:
 * the tags in output order, the sample rate, the chunk length, what a chunk becomes before the network, and how many
 * chunks of a track it averages. A run's best model or a bundle on an engine ({@link NetworkTagger}), or an ONNX
 * file tagbench exported on ONNX Runtime ({@link OnnxTagger}).
 */
public interface Tagger extends AutoCloseable {

    /**
     * The model at {@code path}: a run folder, a bundle folder (it has a {@code model.json}) or its {@code .zip}, or
     * an ONNX file made by tagbench, which ONNX Runtime runs on {@code threads} threads; {@code where} names the
     * argument in errors.
     */
    static Tagger open(Path path, String where, int threads) throws IOException {
        if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".zip")) {
            return NetworkTagger.ofBundle(ModelBundle.readZip(path));
        }
        if (Files.isRegularFile(path)) {
            return OnnxTagger.open(path, threads);
        }
        if (!Files.isDirectory(path)) {
            throw new ConfigException(where, path + (Files.exists(path) ? " is neither a folder nor a file"
                    : " does not exist") + " (expected a run folder, a model bundle's folder or .zip, or a model.onnx)");
        }
        if (ModelBundle.isBundle(path)) {
            return NetworkTagger.ofBundle(ModelBundle.read(path));
        }
        if (!Files.isRegularFile(path.resolve(Experiment.CONFIG_FILE))) {
            throw new ConfigException(where, path + " is neither a run folder (it has no " + Experiment.CONFIG_FILE
                    + ") nor a model bundle (it has no " + ModelBundle.MODEL_FILE + ")");
        }
        return NetworkTagger.ofRun(path, where);
    }

    /** The tags it scores, in output order. */
    TagVocabulary tags();

    /** The sample rate (Hz) its audio must be at. */
    int sampleRate();

    /** The samples in one chunk. */
    int chunkSamples();

    /** What one chunk of samples becomes before the network (log-mel on the CPU, or the samples themselves). */
    ChunkFeatures features();

    /** How many evenly spaced chunks of a track its score averages, as it was evaluated. */
    int chunksPerTrack();

    /** The layer {@link #embeddings} gives by default, numbered as {@code model summary} numbers it: the penultimate. */
    int embeddingLayer();

    /** The number of the layer {@code name} ({@code --layer}), or a one-line error if it offers no such layer. */
    int layer(String name);

    /** Tag probabilities, one row per chunk of {@code chunks} ({@link #features} of each, as a batch). */
    float[][] scores(Batch chunks);

    /** The outputs of layer {@code layer} ({@code model summary}'s number, from 1), one flattened row per chunk. */
    float[][] embeddings(Batch chunks, int layer);

    /** Frees the model's native memory. */
    @Override
    void close();
}
