package org.tagbench.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.tagbench.metrics.TrackScores;

/** Score matrices for benchmarks: about one label in ten positive, positives ranked a little higher, fixed seed. */
final class GeneratedScores {
    private GeneratedScores() {
    }

    /** {@code tracks} x {@code tags} scores and labels, the tracks named TR00000000, TR00000001, ... */
    static TrackScores of(int tracks, int tags) {
        SplittableRandom random = new SplittableRandom(5);
        double[][] scores = new double[tracks][tags];
        boolean[][] labels = new boolean[tracks][tags];
        for (int i = 0; i < tracks; i++) {
            for (int j = 0; j < tags; j++) {
                labels[i][j] = random.nextInt(10) == 0;
                scores[i][j] = random.nextDouble() + (labels[i][j] ? 0.3 : 0);
            }
        }
        List<String> ids = IntStream.range(0, tracks).mapToObj(i -> String.format(Locale.ROOT, "TR%08d", i)).toList();
        return new TrackScores(ids, scores, labels);
    }
}
