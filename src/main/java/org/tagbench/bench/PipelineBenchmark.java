package org.tagbench.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.audio.PcmCache;
import org.tagbench.audio.PcmSource;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.config.PipelineConfig;
import org.tagbench.data.Batch;
import org.tagbench.data.DatasetException;
import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.data.pipeline.BatchStream;
import org.tagbench.data.pipeline.OrderedPrefetch;
import org.tagbench.engine.Engine;
import org.tagbench.engine.Network;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.frontend.MelSpectrogram;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.WidthSolver;

/**
 * The streaming pipeline's training-epoch throughput over audio files (decoding every epoch, building the PCM
 * cache, reading it), beside the clips per second a training step on {@code engine} consumes for each
 * architecture at the same input size: whether the input keeps up with training.
 *
 * @param files the audio files, one track each
 * @param workers input worker threads, 0 for one per core
 * @param cacheDir the PCM cache's folder, or null for a temporary one deleted afterwards
 * @param networks the networks whose training steps are timed, from {@link #networks}
 * @param steps timed training steps per network, after one untimed step
 */
public record PipelineBenchmark(List<Path> files, FeatureConfig features, double chunkSeconds, int batch,
                                int workers, Path cacheDir, List<ModelSpec> networks, int steps, Engine engine) {
    /** Tags of the benchmark's tracks and networks, as the datasets of the paper have. */
    public static final int TAGS = 50;
    private static final int PREFETCH = 8;

    /** Requires files, a crop, a batch and timed steps. */
    public PipelineBenchmark {
        files = List.copyOf(files);
        networks = List.copyOf(networks);
        if (files.isEmpty() || !(chunkSeconds > 0) || batch < 1 || workers < 0 || steps < 1) {
            throw new IllegalArgumentException(files.size() + " files, chunk " + chunkSeconds + " s, batch " + batch
                    + ", workers " + workers + ", steps " + steps
                    + ": expected files, chunk > 0, batch and steps >= 1, workers >= 0");
        }
    }

    /**
     * Each architecture with widths solved for {@code budget} parameters on the log-mel of a
     * {@code chunkSeconds} crop (a waveform architecture on its samples); an {@link IllegalArgumentException} where a
     * budget cannot be met.
     */
    public static List<ModelSpec> networks(FeatureConfig features, double chunkSeconds, long budget) {
        int samples = chunkSamples(features, chunkSeconds);
        int frames = new MelSpectrogram(features).frames(samples);
        List<ModelSpec> networks = new ArrayList<>();
        for (Architecture arch : Architecture.values()) {
            networks.add(arch.eatsWaveform() ? WidthSolver.solve(arch, budget, 1, samples, TAGS)
                    : WidthSolver.solve(arch, budget, features.nMels(), frames, TAGS));
        }
        return networks;
    }

    /**
     * A line for an epoch from the files, one building the PCM cache and one reading it, then one per network's
     * training steps. An unreadable file stops it with one line naming the file.
     */
    public void run(PrintWriter out) throws IOException {
        int rate = features.sampleRate();
        int threads = new PipelineConfig(workers, PREFETCH, true, cacheDir).threads();
        MelSpectrogram mel = new MelSpectrogram(features);
        List<Track> tracks = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            tracks.add(new Track("clip" + i, files.get(i), new boolean[TAGS], Split.TRAIN));
        }
        String shape = String.format(Locale.ROOT, "%.2f s crops, %d workers", chunkSeconds, threads);
        epoch("pipeline from files (decode each epoch), " + shape, PcmSource.decoding(new AudioDecoder(rate)), mel,
                threads, tracks).printTo(out);
        Path folder = cacheDir != null ? cacheDir : Files.createTempDirectory("tagbench-bench-pcm");
        try {
            PcmCache cache = new PcmCache(folder, new AudioDecoder(rate), rate);
            epoch("PCM cache build (first epoch), " + shape, cache, mel, threads, tracks).printTo(out);
            epoch("pipeline from PCM cache, " + shape, cache, mel, threads, tracks).printTo(out);
        } finally {
            if (cacheDir == null) {
                ScratchFolders.delete(folder);
            }
        }
        for (ModelSpec network : networks) {
            trainingSteps(network).printTo(out);
        }
    }

    private Throughput epoch(String what, PcmSource source, MelSpectrogram mel, int threads, List<Track> tracks) {
        int chunk = chunkSamples(features, chunkSeconds);
        try (BatchStream stream = new BatchStream(mel::compute, chunk, source, threads, PREFETCH)) {
            Throughput epoch = Throughput.measure(what, tracks.size(), () -> {
                try (OrderedPrefetch<Batch> batches = stream.trainingEpoch(tracks, batch, 1, 1, 0)) {
                    batches.forEachRemaining(b -> { });
                }
            });
            List<String> unreadable = stream.skipped().bySplit().get(Split.TRAIN);
            if (!unreadable.isEmpty()) {
                throw new DatasetException("cannot benchmark the pipeline on unreadable audio: " + unreadable.get(0)
                        + (unreadable.size() > 1 ? " (and " + (unreadable.size() - 1) + " more)" : ""));
            }
            return epoch;
        }
    }

    private Throughput trainingSteps(ModelSpec network) {
        Batch input = RandomBatch.of(network, batch);
        return StandardOutput.toErrorDuring(() -> {
            try (Network trained = engine.build(network, OptimizerConfig.adam(1e-3), TrainingConventions.DEFAULT,
                    1)) {
                trained.fit(input);
                return Throughput.measure(String.format(Locale.ROOT, "training step %s %,d params, %dx%d, batch %d",
                        network.arch().configName(), network.trainableParams(), network.melBands(),
                        network.frames(), batch), steps * batch, () -> {
                            for (int s = 0; s < steps; s++) {
                                trained.fit(input);
                            }
                        });
            }
        });
    }

    private static int chunkSamples(FeatureConfig features, double chunkSeconds) {
        return (int) Math.round(chunkSeconds * features.sampleRate());
    }
}
