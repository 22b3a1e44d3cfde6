package org.tagbench.data.pipeline;

import org.tagbench.data.Batch;
import org.tagbench.data.Permutation;
import org.tagbench.data.SkippedTracks;
import org.tagbench.data.Track;
import org.tagbench.data.augment.Augmentation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.tagbench.audio.AudioException;
import org.tagbench.audio.Pcm;
import org.tagbench.audio.PcmSource;

/**
 * The streaming input pipeline: worker threads open each track's audio (decoding it or reading the PCM cache),
 * cut chunks and compute their features (log-mel) on the fly, and at most {@code prefetch} results wait ready,
 * so memory stays bounded whatever the dataset's size. Training takes one random crop per track per epoch in a
 * shuffled order; evaluation takes evenly spaced chunks per track. Order and crops come from the seed alone,
 * never from thread timing, so a run repeats exactly; so do the training augmentations' draws, seeded per clip and
 * batch from the seed, the epoch and their place in it. Missing or unreadable tracks are skipped and recorded in
 * {@link #skipped()}.
 */
public final class BatchStream implements AutoCloseable {
    private final ChunkFeatures features;
    private final int chunkSamples;
    private final PcmSource source;
    private final int prefetch;
    private final Augmentation augmentation;
    private final ExecutorService workers;
    private final SkippedTracks skipped = new SkippedTracks();

    /**
     * Chunks of {@code chunkSamples} samples from {@code source} turned into {@code features} on {@code threads}
     * workers, at most {@code prefetch} results ahead of the consumer; training batches are not augmented.
     */
    public BatchStream(ChunkFeatures features, int chunkSamples, PcmSource source, int threads, int prefetch) {
        this(features, chunkSamples, source, threads, prefetch, Augmentation.NONE);
    }

    /** As above, with training batches augmented by {@code augmentation} (evaluation chunks never are). */
    public BatchStream(ChunkFeatures features, int chunkSamples, PcmSource source, int threads, int prefetch,
                       Augmentation augmentation) {
        this.augmentation = augmentation;
        this.features = features;
        this.chunkSamples = chunkSamples;
        this.source = source;
        this.prefetch = prefetch;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "tagbench-input-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The tracks skipped so far, with their reasons. */
    public SkippedTracks skipped() {
        return skipped;
    }

    /**
     * One training epoch over {@code tracks}, its batches computed ahead by the workers (close it to stop early):
     * order, crops and augmentations drawn from {@code seed} and {@code epoch}; a batch whose tracks were all skipped
     * has no rows.
     * The first {@code fromBatch} batches are not computed, so a resumed epoch continues where it stopped.
     */
    public OrderedPrefetch<Batch> trainingEpoch(List<Track> tracks, int batchSize, long seed, int epoch,
                                                int fromBatch) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch);
        int[] order = Permutation.shuffled(tracks.size(), random);
        long[] cropSeeds = draws(order.length, random);
        int batches = (order.length + batchSize - 1) / batchSize;
        // Drawn after the crops' seeds, so that the crops are those of a run without augmentation.
        long[] clipSeeds = draws(order.length, random);
        long[] batchSeeds = draws(batches, random);
        Iterator<Callable<Batch>> tasks = new Iterator<>() {
            private int next = fromBatch;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Callable<Batch> next() {
                int index = next++;
                int from = index * batchSize;
                int to = Math.min(order.length, from + batchSize);
                return () -> augmentation.mix(trainingBatch(tracks, order, cropSeeds, clipSeeds, from, to),
                        batchSeeds[index]);
            }
        };
        return new OrderedPrefetch<>(workers, tasks, prefetch);
    }

    /**
     * Every usable track of {@code tracks} in order, each with {@code chunks} evenly spaced chunks as one batch,
     * computed ahead by the workers (close it to stop early).
     */
    public OrderedPrefetch<TrackChunks> evaluation(List<Track> tracks, int chunks) {
        Iterator<Callable<TrackChunks>> tasks = tracks.stream()
                .<Callable<TrackChunks>>map(track -> () -> evaluationChunks(track, chunks))
                .iterator();
        return new OrderedPrefetch<>(workers, tasks, prefetch);
    }

    /** Stops the worker threads. */
    @Override
    public void close() {
        workers.shutdownNow();
    }

    private Batch trainingBatch(List<Track> tracks, int[] order, long[] cropSeeds, long[] clipSeeds, int from,
                                int to) {
        List<float[]> rows = new ArrayList<>();
        List<float[]> labels = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Track track = tracks.get(order[i]);
            Pcm pcm = open(track);
            if (pcm == null) {
                continue;
            }
            Augmentation.Clip clip = augmentation.clip(clipSeeds[i]);
            int samples = clip.samples(chunkSamples);
            int room = Math.max(0, pcm.length() - samples);
            int offset = new SplittableRandom(cropSeeds[i]).nextInt(room + 1);
            float[] excerpt = read(track, pcm, offset, samples);
            if (excerpt != null) {
                rows.add(clip.features(features.of(clip.waveform(excerpt, chunkSamples))));
                labels.add(track.targets());
            }
        }
        return batch(rows, labels);
    }

    /** {@code chunks} evenly spaced chunks of one track (first at the start, last at the end), or null if skipped. */
    private TrackChunks evaluationChunks(Track track, int chunks) {
        Pcm pcm = open(track);
        if (pcm == null) {
            return null;
        }
        List<float[]> rows = new ArrayList<>();
        List<float[]> labels = new ArrayList<>();
        int room = Math.max(0, pcm.length() - chunkSamples);
        for (int c = 0; c < chunks; c++) {
            int offset = chunks == 1 ? room / 2 : (int) Math.round((double) room * c / (chunks - 1));
            float[] chunk = read(track, pcm, offset, chunkSamples);
            if (chunk == null) {
                return null;
            }
            rows.add(features.of(chunk));
            labels.add(track.targets());
        }
        return new TrackChunks(track, batch(rows, labels));
    }

    private Pcm open(Track track) {
        if (skipped.contains(track)) {
            return null;
        }
        try {
            return source.open(track.audio());
        } catch (AudioException e) {
            skipped.add(track, e.getMessage());
            return null;
        }
    }

    /**
     * The {@code samples} samples at {@code offset}, zero-padded past the track's end; null (and the track skipped)
     * if unreadable.
     */
    private float[] read(Track track, Pcm pcm, int offset, int samples) {
        try {
            return pcm.chunk(offset, samples);
        } catch (AudioException e) {
            skipped.add(track, e.getMessage());
            return null;
        }
    }

    /** The rows' features and training targets ({@link Track#targets()}) as one batch. */
    private static Batch batch(List<float[]> features, List<float[]> labels) {
        int rows = features.size();
        int size = rows == 0 ? 0 : features.get(0).length;
        int tags = rows == 0 ? 0 : labels.get(0).length;
        float[] flat = new float[rows * size];
        float[] targets = new float[rows * tags];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(features.get(r), 0, flat, r * size, size);
            System.arraycopy(labels.get(r), 0, targets, r * tags, tags);
        }
        return new Batch(flat, targets, rows);
    }

    private static long[] draws(int n, SplittableRandom random) {
        long[] seeds = new long[n];
        for (int i = 0; i < n; i++) {
            seeds[i] = random.nextLong();
        }
        return seeds;
    }

    /** One track's evaluation chunks as a batch, with the track they came from. */
    public record TrackChunks(Track track, Batch batch) {
    }
}
