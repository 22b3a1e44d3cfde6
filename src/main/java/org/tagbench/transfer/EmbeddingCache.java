package org.tagbench.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.tagbench.audio.ResampleNote;
import org.tagbench.config.PipelineConfig;
import org.tagbench.data.Track;
import org.tagbench.export.NetworkTagger;
import org.tagbench.export.Predictor;
import org.tagbench.export.Tagger;
import org.tagbench.files.AtomicFile;
import org.tagbench.files.CacheFolder;
import org.tagbench.files.FileFailure;
import org.tagbench.files.NpyMatrix;

/**
 * Embeddings of a dataset's tracks by one layer of one bundle, computed once ({@link Predictor}, as {@code embed}
 * computes them: the mean over the evaluation chunks) and kept as a float64 {@code .npy} of one row per track in
 * index order, a row of NaN for a track whose audio could not be read. An entry is named after the bundle's digest
 * ({@link ProbedBundle#digest}), the layer and the dataset's fingerprint, so a changed bundle or dataset is embedded
 * again; it is written through a temp file and a rename, whole or not at all, like the PCM cache's entries.
 */
public final class EmbeddingCache {
    private static final int KEY_HEX_DIGITS = 32;
    private final Path folder;
    private int hits;
    private int misses;

    /** A cache in {@code root}'s {@code embeddings-v1} folder. */
    public EmbeddingCache(Path root) {
        this.folder = root.resolve("embeddings-v1");
    }

    /** The cache {@code pipeline} names ({@code cache_dir}, else tagbench's cache folder). */
    public static EmbeddingCache of(PipelineConfig pipeline) {
        return new EmbeddingCache(pipeline.cacheDir() != null ? pipeline.cacheDir() : CacheFolder.root());
    }

    /** The folder holding the entries. */
    public Path folder() {
        return folder;
    }

    /** How many embeddings came from the cache. */
    public int hits() {
        return hits;
    }

    /** How many embeddings were computed (and stored). */
    public int misses() {
        return misses;
    }

    /**
     * Layer {@code layer} (numbered as {@code model summary} numbers it) of {@code bundle} for each of
     * {@code tracks} of the dataset with fingerprint {@code fingerprint}: from the cache, or computed on
     * {@code threads} decoding threads and stored; {@code notes} hears of unreadable and padded files,
     * {@code resampling} (at the bundle's rate) of each decoded file's rate.
     */
    public double[][] embeddings(ProbedBundle bundle, int layer, List<Track> tracks, String fingerprint, int threads,
                                 Consumer<String> notes, ResampleNote resampling) throws IOException {
        Path entry = folder.resolve(bundle.digest().substring(0, KEY_HEX_DIGITS) + "-layer" + layer + "-"
                + fingerprint.substring(0, KEY_HEX_DIGITS) + ".npy");
        if (Files.isRegularFile(entry)) {
            double[][] cached = NpyMatrix.read(entry);
            if (cached.length == tracks.size()) {
                hits++;
                return cached;
            }
        }
        double[][] rows = compute(bundle, layer, tracks, threads, notes, resampling);
        Files.createDirectories(folder);
        try {
            byte[] bytes = NpyMatrix.float64(rows);
            AtomicFile.write(entry, o -> o.write(bytes));
        } catch (IOException e) {
            throw FileFailure.naming(entry, e);
        }
        misses++;
        return rows;
    }

    private static double[][] compute(ProbedBundle bundle, int layer, List<Track> tracks, int threads,
                                      Consumer<String> notes, ResampleNote resampling) {
        List<Path> files = new ArrayList<>(tracks.size());
        tracks.forEach(t -> files.add(t.audio()));
        double[][] rows = new double[tracks.size()][];
        int[] next = {0};
        try (Tagger tagger = NetworkTagger.ofBundle(bundle.bundle())) {
            Predictor predictor = new Predictor(tagger, threads, Predictor.BATCH_ROWS, resampling);
            predictor.run(files, (t, batch) -> t.embeddings(batch, layer), file -> {
                // The predictor hands readable files in order, so the next file with this path is this one.
                while (!files.get(next[0]).equals(file.file())) {
                    next[0]++;
                }
                rows[next[0]++] = file.mean();
            }, notes);
        }
        int width = Arrays.stream(rows).filter(r -> r != null).findFirst().map(r -> r.length).orElse(0);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                rows[i] = new double[width];
                Arrays.fill(rows[i], Double.NaN);
            }
        }
        return rows;
    }
}
