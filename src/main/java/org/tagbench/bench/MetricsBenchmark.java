package org.tagbench.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.IntStream;
import org.tagbench.data.TagVocabulary;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.metrics.TrackScores;

/** Seconds to compute the whole metrics report (per tag, macro and micro ROC-AUC and PR-AUC) of random scores. */
public record MetricsBenchmark(int tracks, int tags, int repeats) {

    /** Requires tracks, tags and repeats. */
    public MetricsBenchmark {
        if (tracks < 1 || tags < 1 || repeats < 1) {
            throw new IllegalArgumentException("tracks " + tracks + ", tags " + tags + ", repeats " + repeats
                    + ": expected 1 or more each");
        }
    }

    /**
     * One untimed report, then a line per timed one, on scores that rank positives (about one label in ten) a
     * little higher.
     */
    public void run(PrintWriter out) {
        TrackScores generated = GeneratedScores.of(tracks, tags);
        double[][] scores = generated.scores();
        boolean[][] labels = generated.labels();
        TagVocabulary vocabulary = new TagVocabulary(IntStream.range(0, tags).mapToObj(j -> "tag" + j).toList());
        TagMetrics.of(vocabulary, scores, labels);
        for (int r = 1; r <= repeats; r++) {
            long start = System.nanoTime();
            TagMetrics.of(vocabulary, scores, labels);
            out.printf(Locale.ROOT, "metrics for %,d tracks x %d tags (per tag, macro, micro), run %d: %.3f s%n",
                    tracks, tags, r, (System.nanoTime() - start) / 1e9);
            out.flush();
        }
    }
}
