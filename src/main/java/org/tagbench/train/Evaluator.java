package org.tagbench.train;

import java.util.ArrayList;
import java.util.List;
import org.tagbench.data.BatchStream;
import org.tagbench.data.OrderedPrefetch;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.engine.Network;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.progress.Progress;

/** Scores each track as the mean of its evaluation chunks' sigmoid outputs, then computes the tag metrics. */
public final class Evaluator {
    private static final double EPSILON = 1e-7;

    private final BatchStream stream;
    private final int chunks;
    private final TagVocabulary vocabulary;

    /** Evaluates with {@code chunks} evenly spaced chunks per track. */
    public Evaluator(BatchStream stream, int chunks, TagVocabulary vocabulary) {
        this.stream = stream;
        this.chunks = chunks;
        this.vocabulary = vocabulary;
    }

    /** Evaluates {@code network} on every usable track of {@code tracks} (one split's, at least one track). */
    public Evaluation evaluate(Network network, List<Track> tracks) {
        int tags = vocabulary.size();
        List<double[]> scores = new ArrayList<>();
        List<boolean[]> labels = new ArrayList<>();
        double lossSum = 0;
        String split = tracks.get(0).split().label();
        try (Progress progress = Progress.start("evaluating " + split, tracks.size(), "tracks");
             OrderedPrefetch<BatchStream.TrackChunks> input = stream.evaluation(tracks, chunks)) {
            while (input.hasNext()) {
                BatchStream.TrackChunks next = input.next();
                boolean[] truth = next.track().labels();
                double[] score = new double[tags];
                float[][] out = network.predict(next.batch());
                for (float[] row : out) {
                    for (int j = 0; j < tags; j++) {
                        score[j] += row[j] / (double) out.length;
                        lossSum += binaryCrossEntropy(row[j], truth[j]);
                    }
                }
                scores.add(score);
                labels.add(truth);
                progress.step();
            }
        }
        if (scores.isEmpty()) {
            throw stream.skipped().noUsableTracks(tracks.get(0).split());
        }
        double loss = lossSum / ((double) scores.size() * chunks * tags);
        return new Evaluation(TagMetrics.of(vocabulary, scores.toArray(double[][]::new),
                labels.toArray(boolean[][]::new)), loss);
    }

    private static double binaryCrossEntropy(double p, boolean positive) {
        double clipped = Math.min(1 - EPSILON, Math.max(EPSILON, p));
        return positive ? -Math.log(clipped) : -Math.log(1 - clipped);
    }
}
