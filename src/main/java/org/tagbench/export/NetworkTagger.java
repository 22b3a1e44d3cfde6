package org.tagbench.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.tagbench.config.ConfigException;
import org.tagbench.data.Batch;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.pipeline.ChunkFeatures;
import org.tagbench.experiment.Experiment;
import org.tagbench.experiment.RunModel;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelSummary;

/**
 * A model on one of tagbench's engines: a run's best model on the engine it was trained with (loaded as {@code
 * tagbench eval} loads it), or a bundle's on the engine that trained it.
 */
public final class NetworkTagger implements Tagger {
    private final RunModel model;
    private final ModelSpec spec;

    private NetworkTagger(RunModel model) {
        this.model = model;
        this.spec = model.network().spec();
    }

    /** The best model of the run in {@code folder}; {@code where} names the argument in errors. */
    public static NetworkTagger ofRun(Path folder, String where) throws IOException {
        return new NetworkTagger(Experiment.bestModel(folder, where));
    }

    /** The model of {@code bundle} on the engine that trained it, fed and evaluated as its run was. */
    public static NetworkTagger ofBundle(ModelBundle bundle) {
        return new NetworkTagger(bundle.model());
    }

    @Override
    public TagVocabulary tags() {
        return model.vocabulary();
    }

    @Override
    public int sampleRate() {
        return model.config().features().sampleRate();
    }

    @Override
    public int chunkSamples() {
        return model.chunkSamples();
    }

    @Override
    public ChunkFeatures features() {
        return model.features();
    }

    @Override
    public int chunksPerTrack() {
        return model.config().eval().chunks();
    }

    /** The input of the output layer (the last layer is the sigmoid output). */
    @Override
    public int embeddingLayer() {
        return spec.embeddingLayer();
    }

    /**
     * Layer {@code name} as {@code model summary} shows it: its number (1 to the layer count) or its name when no
     * other layer has the same (the convolution blocks often share one, so they go by number).
     */
    @Override
    public int layer(String name) {
        return layer(spec, name);
    }

    /** Layer {@code name} of {@code spec} as {@link #layer(String)} finds it, without building the network. */
    public static int layer(ModelSpec spec, String name) {
        List<String> names = ModelSummary.rows(spec).stream().map(ModelSummary.Row::layer).toList();
        if (name.matches("[0-9]+")) {
            int number = Integer.parseInt(name);
            if (number >= 1 && number <= names.size()) {
                return number;
            }
        }
        List<Integer> named = IntStream.range(0, names.size()).filter(i -> names.get(i).equals(name)).boxed()
                .map(i -> i + 1).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        throw new ConfigException("--layer", named.isEmpty()
                ? name + " is not a layer of this " + spec.arch().configName() + " (expected a number 1 to "
                + names.size() + " or a name as tagbench model summary shows them)"
                : name + " names layers " + named + " of this " + spec.arch().configName() + " (expected one of"
                + " those numbers)");
    }

    @Override
    public float[][] scores(Batch chunks) {
        return model.network().predict(chunks);
    }

    @Override
    public float[][] embeddings(Batch chunks, int layer) {
        if (layer < 1 || layer > spec.layers().size()) {
            throw new IllegalArgumentException("layer " + layer + ": " + spec.arch().configName() + " has layers 1 to "
                    + spec.layers().size() + " (tagbench model summary numbers them)");
        }
        return model.network().layerOutputs(chunks, layer - 1);
    }

    @Override
    public void close() {
        model.network().close();
    }
}
