package org.tagbench.experiment;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tagbench.audio.PcmSource;
import org.tagbench.audio.ResampleNote;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.config.PipelineConfig;
import org.tagbench.data.pipeline.BatchStream;
import org.tagbench.data.pipeline.ChunkFeatures;
import org.tagbench.data.DatasetException;
import org.tagbench.data.readers.DatasetIndex;
import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.data.augment.Augmentation;
import org.tagbench.frontend.MelSpectrogram;
import org.tagbench.frontend.NetworkInput;

/**
 * What a run reads, as its config names it: the dataset's three splits (none empty), the chunk length in samples
 * and in the network's input frames (mel frames, or samples for a waveform network), the features the network eats
 * per chunk, how training clips are augmented, and where audio comes from.
 */
record RunInputs(DatasetIndex dataset, Map<Split, List<Track>> splits, int chunkSamples, int frames,
                 ChunkFeatures features, Augmentation augmentation, PcmSource audio, PipelineConfig pipeline) {

    /**
     * Opens the dataset and checks that a chunk holds at least one frame; {@code notes} hears one line per source
     * sample rate that the decoder resamples to the features' rate.
     */
    static RunInputs of(ExperimentConfig config, Consumer<String> notes) {
        DatasetIndex dataset = DatasetIndex.open(config.data(), config.features());
        Map<Split, List<Track>> splits = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            List<Track> tracks = dataset.index().split(split);
            if (tracks.isEmpty()) {
                throw new DatasetException("the " + split.label() + " split of " + dataset.root() + " has no tracks");
            }
            splits.put(split, tracks);
        }
        MelSpectrogram mel = new MelSpectrogram(config.features());
        int chunkSamples = Experiment.chunkSamples(config);
        if (chunkSamples < 1) {
            throw new ConfigException("data.chunk_seconds", config.data().chunkSeconds() + " s is no sample at "
                    + config.features().sampleRate() + " Hz (expected at least 1 / sample_rate)");
        }
        if (mel.frames(chunkSamples) < 1) {
            throw new ConfigException("data.chunk_seconds", config.data().chunkSeconds() + " s is " + chunkSamples
                    + " samples, too short for one frame of n_fft " + config.features().nFft());
        }
        return new RunInputs(dataset, splits, chunkSamples, NetworkInput.of(config.features(), chunkSamples).width(),
                ChunkFeatures.of(config.features()), Augmentation.of(config.training().augment(), config.features()),
                PcmSource.of(config.pipeline(), new ResampleNote("this run", config.features().sampleRate(), notes)),
                config.pipeline());
    }

    /** A new input pipeline over this audio (close it when done). */
    BatchStream stream() {
        return new BatchStream(features, chunkSamples, audio, pipeline.threads(), pipeline.prefetch(), augmentation);
    }
}
