package org.tagbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.tagbench.data.Split;
import org.tagbench.files.FileDigest;
import org.tagbench.files.FileFailure;
import org.tagbench.files.NpyMatrix;
import org.tagbench.metrics.RankedTags;
import org.tagbench.results.Artifact;
import org.tagbench.results.FinishedRun;
import org.tagbench.results.ScoreFiles;

/**
 * A run's kept test scores, ranked: read from the files the store registered for it, each checked against the size
 * and SHA-256 the store holds, so that a file changed or damaged since the run is named, not compared.
 */
public record RunScores(FinishedRun run, List<String> trackIds, List<String> tags, RankedTags ranked) {

    /** Reads and ranks {@code run}'s test scores. */
    public static RunScores of(FinishedRun run) throws IOException {
        List<String> tags = lines(run, ScoreFiles.TAGS);
        List<String> tracks = lines(run, ScoreFiles.tracks(Split.TEST));
        double[][] scores = matrix(run, ScoreFiles.scores(Split.TEST));
        double[][] labelValues = matrix(run, ScoreFiles.labels(Split.TEST));
        Path scoresFile = run.folder().resolve(ScoreFiles.scores(Split.TEST));
        if (scores.length != tracks.size() || labelValues.length != tracks.size()
                || scores.length > 0 && (scores[0].length != tags.size() || labelValues[0].length != tags.size())) {
            throw FileFailure.damaged(scoresFile, new IllegalArgumentException("scores, labels, track ids and tags"
                    + " of run " + run.id() + " differ in size"));
        }
        boolean[][] labels = new boolean[labelValues.length][];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = new boolean[labelValues[i].length];
            for (int j = 0; j < labels[i].length; j++) {
                labels[i][j] = labelValues[i][j] != 0;
            }
        }
        try {
            return new RunScores(run, tracks, tags, RankedTags.of(scores, labels));
        } catch (IllegalArgumentException e) {
            throw FileFailure.damaged(scoresFile, e);
        }
    }

    private static List<String> lines(FinishedRun run, String name) throws IOException {
        Path file = checked(run, name);
        return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
    }

    private static double[][] matrix(FinishedRun run, String name) throws IOException {
        Path file = checked(run, name);
        try {
            return NpyMatrix.read(file);
        } catch (IllegalArgumentException e) {
            throw FileFailure.damaged(file, e);
        }
    }

    /** The file {@code name} of {@code run}'s folder, once it is known to be the one the store registered. */
    private static Path checked(FinishedRun run, String name) throws IOException {
        Path file = run.folder().resolve(name);
        Artifact artifact = run.artifact(name).orElseThrow(() -> new NoSuchFileException(file.toString(), null,
                "run " + run.id() + " kept no test scores in the store (made before runs kept their scores?)"));
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "missing: run " + run.id() + "'s " + artifact.kind()
                    + " file, registered in the store");
        }
        long bytes = Files.size(file);
        if (bytes != artifact.bytes() || !FileDigest.sha256(file).equals(artifact.sha256())) {
            throw FileFailure.damaged(file, new IOException("its size or SHA-256 differs from the store's record of"
                    + " run " + run.id() + "'s " + artifact.kind() + " file"));
        }
        return file;
    }
}
