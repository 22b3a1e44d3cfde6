package org.tagbench.train;

import java.util.ArrayList;
import java.util.List;
import org.tagbench.config.LossName;
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
    private final LossName loss;

    /**
     * Evaluates with {@code chunks} evenly spaced chunks per track, predicting whole tracks' chunks in groups of
     * at least {@code batchRows} rows (the last group may be smaller), the loss binary cross-entropy.
     */
    public Evaluator(BatchStream stream, int chunks, int batchRows, TagVocabulary vocabulary) {
        this(stream, chunks, batchRows, vocabulary, LossName.BCE);
    }

    /** As {@link #Evaluator(BatchStream, int, int, TagVocabulary)}, the loss {@code loss} (the run's training loss). */
    public Evaluator(BatchStream stream, int chunks, int batchRows, TagVocabulary vocabulary, LossName loss) {
        this.stream = stream;
        this.chunks = chunks;
        this.batchRows = batchRows;
        this.vocabulary = vocabulary;
        this.loss = loss;
    }

    /**
     * Evaluates {@code network} on every usable track of {@code tracks} (one split's, at least one track); throws
     * {@link NonFiniteOutputs} if the network put out NaN.
     */
    public Evaluation evaluate(Network network, List<Track> tracks) {
        Scores scores = new Scores(vocabulary.size(), loss);
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
        // Cross-entropy is a mean per chunk, the others per chunk and tag.
        int perChunk = loss == LossName.CROSS_ENTROPY ? 1 : vocabulary.size();
        double meanLoss = scores.lossSum / ((double) scores.tracks.size() * chunks * perChunk);
        // Clipped probabilities give a finite loss for every output but NaN.
        if (Double.isNaN(meanLoss)) {
            throw new NonFiniteOutputs(split);
        }
        double[][] matrix = scores.tracks.toArray(double[][]::new);
        boolean[][] labels = scores.labels.toArray(boolean[][]::new);
        return new Evaluation(TagMetrics.of(vocabulary, matrix, labels), meanLoss,
                new TrackScores(scores.ids, matrix, labels));
    }

    /** Per-track ids and mean scores and the summed chunk loss, filled one predicted group of tracks at a time. */
    private static final class Scores {
        private final int tags;
        private final LossName loss;
        private final List<String> ids = new ArrayList<>();
        private final List<double[]> tracks = new ArrayList<>();
        private final List<boolean[]> labels = new ArrayList<>();
        private double lossSum;

        Scores(int tags, LossName loss) {
            this.tags = tags;
            this.loss = loss;
        }

        void add(List<BatchStream.TrackChunks> group, float[][] out) {
            int row = 0;
            for (BatchStream.TrackChunks item : group) {
                boolean[] truth = item.track().labels();
                float[] target = item.track().targets();
                int n = item.batch().rows();
                double[] score = new double[tags];
                for (int c = 0; c < n; c++, row++) {
                    for (int j = 0; j < tags; j++) {
                        score[j] += out[row][j] / (double) n;
                        lossSum += valueLoss(loss, out[row][j], target[j]);
                    }
                }
                ids.add(item.track().id());
                tracks.add(score);
                labels.add(truth);
            }
        }
    }

    /**
     * One output's share of its chunk's loss against its target z (0 or 1, or a soft label): binary cross-entropy of
     * the clipped probability; for cross-entropy, -z log of the clipped softmax output (the true class's alone for
     * hard labels); the squared error for mse.
     */
    private static double valueLoss(LossName loss, double p, double z) {
        double clipped = Math.min(1 - EPSILON, Math.max(EPSILON, p));
        return switch (loss) {
            // Each term only where its weight is not 0, so that hard labels give exactly the one log they did.
            case BCE -> (z > 0 ? -z * Math.log(clipped) : 0) + (z < 1 ? -(1 - z) * Math.log(1 - clipped) : 0);
            case CROSS_ENTROPY -> z > 0 ? -z * Math.log(clipped) : 0;
            case MSE -> (p - z) * (p - z);
        };
    }
}
