package org.tagbench.train;

import java.util.ArrayList;
import java.util.List;
import org.tagbench.data.Batch;
import org.tagbench.data.pipeline.BatchStream;
import org.tagbench.data.pipeline.OrderedPrefetch;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.engine.Network;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.metrics.TrackScores;
import org.tagbench.progress.Progress;

/**
 * Scores each track as the mean of its evaluation chunks' sigmoid outputs, then computes the tag metrics. The
 * chunks of several tracks go through the network together, about a training batch at a time, since one
 * forward pass per track leaves most of a GPU (and much of a CPU engine's time) idle.
 */
public final class Evaluator {
    private static final double EPSILON = 1e-7;

    private final BatchStream stream;
    private final int chunks;
    private final int batchRows;
    private final TagVocabulary vocabulary;

    /**
     * Evaluates with {@code chunks} evenly spaced chunks per track, predicting whole tracks' chunks in groups of
     * at least {@code batchRows} rows (the last group may be smaller).
     */
    public Evaluator(BatchStream stream, int chunks, int batchRows, TagVocabulary vocabulary) {
        this.stream = stream;
        this.chunks = chunks;
        this.batchRows = batchRows;
        this.vocabulary = vocabulary;
    }

    /**
     * Evaluates {@code network} on every usable track of {@code tracks} (one split's, at least one track); throws
     * {@link NonFiniteOutputs} if the network put out NaN.
     */
    public Evaluation evaluate(Network network, List<Track> tracks) {
        Scores scores = new Scores(vocabulary.size());
        String split = tracks.get(0).split().label();
        try (Progress progress = Progress.start("evaluating " + split, tracks.size(), "tracks");
             OrderedPrefetch<BatchStream.TrackChunks> input = stream.evaluation(tracks, chunks)) {
            List<BatchStream.TrackChunks> pending = new ArrayList<>();
            int rows = 0;
            while (input.hasNext()) {
                BatchStream.TrackChunks next = input.next();
                pending.add(next);
                rows += next.batch().rows();
                if (rows >= batchRows || !input.hasNext()) {
                    scores.add(pending, network.predict(Batch.concat(pending.stream()
                            .map(BatchStream.TrackChunks::batch).toList())));
                    progress.advance(pending.size());
                    pending.clear();
                    rows = 0;
                }
            }
        }
        if (scores.tracks.isEmpty()) {
            throw stream.skipped().noUsableTracks(tracks.get(0).split());
        }
        double loss = scores.lossSum / ((double) scores.tracks.size() * chunks * vocabulary.size());
        // Clipped probabilities give a finite loss for every output but NaN.
        if (Double.isNaN(loss)) {
            throw new NonFiniteOutputs(split);
        }
        double[][] matrix = scores.tracks.toArray(double[][]::new);
        boolean[][] labels = scores.labels.toArray(boolean[][]::new);
        return new Evaluation(TagMetrics.of(vocabulary, matrix, labels), loss,
                new TrackScores(scores.ids, matrix, labels));
    }

    /** Per-track ids and mean scores and the summed chunk loss, filled one predicted group of tracks at a time. */
    private static final class Scores {
        private final int tags;
        private final List<String> ids = new ArrayList<>();
        private final List<double[]> tracks = new ArrayList<>();
        private final List<boolean[]> labels = new ArrayList<>();
        private double lossSum;

        Scores(int tags) {
            this.tags = tags;
        }

        void add(List<BatchStream.TrackChunks> group, float[][] out) {
            int row = 0;
            for (BatchStream.TrackChunks item : group) {
                boolean[] truth = item.track().labels();
                int n = item.batch().rows();
                double[] score = new double[tags];
                for (int c = 0; c < n; c++, row++) {
                    for (int j = 0; j < tags; j++) {
                        score[j] += out[row][j] / (double) n;
                        lossSum += binaryCrossEntropy(out[row][j], truth[j]);
                    }
                }
                ids.add(item.track().id());
                tracks.add(score);
                labels.add(truth);
            }
        }
    }

    private static double binaryCrossEntropy(double p, boolean positive) {
        double clipped = Math.min(1 - EPSILON, Math.max(EPSILON, p));
        return positive ? -Math.log(clipped) : -Math.log(1 - clipped);
    }
}
