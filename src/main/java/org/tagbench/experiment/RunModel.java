package org.tagbench.experiment;

import org.tagbench.config.ExperimentConfig;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.pipeline.ChunkFeatures;
import org.tagbench.engine.Network;

/**
 * A run's best model ready to score audio: its resolved config, the tags it scores in output order, the samples of
 * one chunk, what a chunk becomes before the network, and the network itself (close it).
 */
public record RunModel(ExperimentConfig config, TagVocabulary vocabulary, int chunkSamples, ChunkFeatures features,
                       Network network) {
}
