package org.tagbench.train;

import org.tagbench.data.Batch;
import org.tagbench.data.BatchStream;
import org.tagbench.data.DecodedSplit;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.engine.Dl4jNetwork;
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

    /** Evaluates {@code network} on every usable track of {@code split}. */
    public Evaluation evaluate(Dl4jNetwork network, DecodedSplit split) {
        int tags = vocabulary.size();
        double[][] scores = new double[split.size()][tags];
        boolean[][] labels = new boolean[split.size()][];
        double lossSum = 0;
        try (Progress progress = Progress.start("evaluating " + split.split().label(), split.size(), "tracks")) {
            for (int i = 0; i < split.size(); i++) {
                Track track = split.tracks().get(i);
                labels[i] = track.labels();
                Batch batch = stream.evaluationChunks(split.audio().get(i), labels[i], chunks);
                float[][] out = network.predict(batch);
                for (float[] row : out) {
                    for (int j = 0; j < tags; j++) {
                        scores[i][j] += row[j] / (double) out.length;
                        lossSum += binaryCrossEntropy(row[j], labels[i][j]);
                    }
                }
                progress.step();
            }
        }
        double loss = lossSum / ((double) split.size() * chunks * tags);
        return new Evaluation(TagMetrics.of(vocabulary, scores, labels), loss);
    }

    private static double binaryCrossEntropy(double p, boolean positive) {
        double clipped = Math.min(1 - EPSILON, Math.max(EPSILON, p));
        return positive ? -Math.log(clipped) : -Math.log(1 - clipped);
    }
}
