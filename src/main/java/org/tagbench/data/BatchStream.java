package org.tagbench.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.tagbench.frontend.MelSpectrogram;

/**
 * Turns decoded tracks into minibatches of log-mel chunks computed on the fly: one random crop per track per
 * training epoch in a seeded shuffled order, and evenly spaced chunks per track for evaluation.
 */
public final class BatchStream {
    private final MelSpectrogram mel;
    private final int chunkSamples;
    private final int frames;

    /** Batches of {@code chunkSamples}-sample chunks through {@code mel}. */
    public BatchStream(MelSpectrogram mel, int chunkSamples) {
        this.mel = mel;
        this.chunkSamples = chunkSamples;
        this.frames = mel.frames(chunkSamples);
    }

    /** Frames per chunk: the network's input width. */
    public int frames() {
        return frames;
    }

    /** Mel bands per chunk: the network's input height. */
    public int melBands() {
        return mel.features().nMels();
    }

    /** One training epoch: every track once, order and crops drawn from {@code seed} and {@code epoch}. */
    public TrainingEpoch trainingEpoch(DecodedSplit split, int batchSize, long seed, int epoch) {
        return new TrainingEpoch(split, batchSize, new SplittableRandom(seed * 1_000_003L + epoch));
    }

    /** The batches of one epoch, each computed when it is taken so that memory holds one batch at a time. */
    public final class TrainingEpoch implements Iterator<Batch> {
        private final DecodedSplit split;
        private final int batchSize;
        private final SplittableRandom random;
        private final int[] order;
        private int next;

        private TrainingEpoch(DecodedSplit split, int batchSize, SplittableRandom random) {
            this.split = split;
            this.batchSize = batchSize;
            this.random = random;
            this.order = shuffled(split.size(), random);
        }

        /** Number of batches in the epoch (the last may be smaller). */
        public int batches() {
            return (order.length + batchSize - 1) / batchSize;
        }

        @Override
        public boolean hasNext() {
            return next < order.length;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int rows = Math.min(batchSize, order.length - next);
            float[][] chunks = new float[rows][];
            boolean[][] labels = new boolean[rows][];
            for (int r = 0; r < rows; r++) {
                int t = order[next + r];
                float[] pcm = split.audio().get(t);
                int offset = pcm.length > chunkSamples ? random.nextInt(pcm.length - chunkSamples + 1) : 0;
                chunks[r] = chunk(pcm, offset);
                labels[r] = split.tracks().get(t).labels();
            }
            next += rows;
            return batch(chunks, labels);
        }
    }

    /** {@code chunks} evenly spaced chunks of one track (first at the start, last at the end), as one batch. */
    public Batch evaluationChunks(float[] pcm, boolean[] labels, int chunks) {
        float[][] mels = new float[chunks][];
        boolean[][] rowLabels = new boolean[chunks][];
        int room = Math.max(0, pcm.length - chunkSamples);
        for (int c = 0; c < chunks; c++) {
            int offset = chunks == 1 ? room / 2 : (int) Math.round((double) room * c / (chunks - 1));
            mels[c] = chunk(pcm, offset);
            rowLabels[c] = labels;
        }
        return batch(mels, rowLabels);
    }

    /** Log-mel of the chunk at {@code offset}; a track shorter than a chunk is zero-padded at the end. */
    private float[] chunk(float[] pcm, int offset) {
        if (pcm.length >= offset + chunkSamples) {
            return mel.compute(pcm, offset, chunkSamples);
        }
        float[] padded = new float[chunkSamples];
        System.arraycopy(pcm, offset, padded, 0, pcm.length - offset);
        return mel.compute(padded);
    }

    private static Batch batch(float[][] mels, boolean[][] labels) {
        int rows = mels.length;
        int size = mels[0].length;
        int tags = labels[0].length;
        float[] features = new float[rows * size];
        float[] targets = new float[rows * tags];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(mels[r], 0, features, r * size, size);
            for (int j = 0; j < tags; j++) {
                targets[r * tags + j] = labels[r][j] ? 1f : 0f;
            }
        }
        return new Batch(features, targets, rows);
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }
}
