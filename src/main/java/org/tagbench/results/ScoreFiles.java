package org.tagbench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tagbench.data.Split;
import org.tagbench.data.TagVocabulary;
import org.tagbench.files.AtomicFile;
import org.tagbench.files.FileDigest;
import org.tagbench.files.FileFailure;
import org.tagbench.files.NpyMatrix;
import org.tagbench.metrics.TrackScores;

/**
 * The best model's per-track scores, kept in the run folder so that comparisons can pair runs track by track, and so
 * that {@code tagbench metrics SPLIT-scores.npy SPLIT-labels.npy --tags tags.txt} gives the run's metrics of that
 * split exactly. Per split: {@code SPLIT-scores.npy} (float64, tracks x tags: full precision, since a rounded score
 * can change a rank and so a metric), {@code SPLIT-labels.npy} (bool, same shape) and {@code SPLIT-tracks.txt} (the
 * track ids, one per line, in row order); and {@code tags.txt}, the tag names one per line in column order.
 */
public final class ScoreFiles {
    /** The tag names' file. */
    public static final String TAGS = "tags.txt";

    private ScoreFiles() {
    }

    /** The score matrix file of {@code split}. */
    public static String scores(Split split) {
        return split.label() + "-scores.npy";
    }

    /** The label matrix file of {@code split}. */
    public static String labels(Split split) {
        return split.label() + "-labels.npy";
    }

    /** The track ids file of {@code split}. */
    public static String tracks(Split split) {
        return split.label() + "-tracks.txt";
    }

    /**
     * Writes {@code tags.txt} and each split's three files into {@code folder}, each whole or not at all; returns
     * them as artifacts (kind: the file name without its extension), in that order.
     */
    public static List<Artifact> write(Path folder, TagVocabulary vocabulary, Map<Split, TrackScores> splits)
            throws IOException {
        List<Artifact> written = new ArrayList<>();
        written.add(write(folder, TAGS, lines(vocabulary.tags())));
        for (Map.Entry<Split, TrackScores> entry : splits.entrySet()) {
            Split split = entry.getKey();
            TrackScores scores = entry.getValue();
            written.add(write(folder, scores(split), NpyMatrix.float64(scores.scores())));
            written.add(write(folder, labels(split), NpyMatrix.bool(scores.labels())));
            written.add(write(folder, tracks(split), lines(scores.trackIds())));
        }
        return written;
    }

    private static Artifact write(Path folder, String name, byte[] contents) throws IOException {
        Path file = folder.resolve(name);
        try {
            AtomicFile.write(file, out -> out.write(contents));
        } catch (IOException e) {
            throw FileFailure.naming(file, e);
        }
        return new Artifact(name, name.substring(0, name.lastIndexOf('.')), contents.length,
                FileDigest.sha256(contents));
    }

    private static byte[] lines(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
