package org.tagbench.export;

import java.io.IOException;
import java.nio.file.Path;
import org.tagbench.data.Batch;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.pipeline.ChunkFeatures;
import org.tagbench.experiment.Experiment;
import org.tagbench.experiment.RunModel;
import org.tagbench.model.ModelSpec;

/** The best model of a run folder on the engine it was trained with, loaded as {@code tagbench eval} loads it. */
public final class RunTagger implements Tagger {
    private final RunModel model;
    private final ModelSpec spec;

    private RunTagger(RunModel model) {
        this.model = model;
        this.spec = model.network().spec();
    }

    /** The best model of the run in {@code folder}; {@code where} names the argument in errors. */
    public static RunTagger open(Path folder, String where) throws IOException {
        return new RunTagger(Experiment.bestModel(folder, where));
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
        return spec.layers().size() - 1;
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
