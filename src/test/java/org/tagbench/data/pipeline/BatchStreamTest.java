package org.tagbench.data.pipeline;

import org.tagbench.data.Batch;
import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.audio.PcmCache;
import org.tagbench.audio.PcmSource;
import org.tagbench.config.AugmentConfig;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.MaskFill;
import org.tagbench.config.SpecAugmentConfig;
import org.tagbench.config.UniformRange;
import org.tagbench.data.augment.Augmentation;

/**
 * The streaming pipeline, fed raw samples of counting tracks so that every row shows which track and offset it
 * came from: coverage, crops, evaluation chunk placement, determinism across thread counts, and skipped tracks;
 * training augmentation drawn per clip and batch (the same whatever the threads and on resumption, on the crops of an
 * unaugmented epoch) and never applied to evaluation chunks.
 */
class BatchStreamTest {
    private static final int CHUNK = 400;
    private static final int SPACING = 2000;
    private static final int[] LENGTHS = {1500, 900, 400, 1200, 250, 1000, 1337, 777, 401, 1600};

    @TempDir
    Path dir;

    private TrackIndex index;
    private final PcmSource decoding = PcmSource.decoding(new AudioDecoder(AudioFolder.RATE));

    @BeforeEach
    void tracks() throws IOException {
        AudioFolder folder = new AudioFolder(dir);
        for (int k = 0; k < LENGTHS.length; k++) {
            folder.counting("t" + k, Split.TRAIN, k * SPACING, LENGTHS[k]);
        }
        index = folder.index();
    }

    @Test
    void anEpochTakesEveryTrackOnceWithOneCropInsideIt() {
        List<Track> train = index.split(Split.TRAIN);
        try (BatchStream stream = stream(decoding, 2, 3)) {
            List<float[]> rows = rows(stream.trainingEpoch(train, 4, 11, 1, 0), CHUNK);

            assertEquals(train.size(), rows.size());
            Map<Integer, Integer> offsets = new HashMap<>();
            for (float[] row : rows) {
                int start = AudioFolder.position(row[0]);
                int k = start / SPACING;
                int offset = start - k * SPACING;
                assertEquals(null, offsets.put(k, offset), "track " + k + " twice");
                int room = Math.max(0, LENGTHS[k] - CHUNK);
                assertTrue(offset >= 0 && offset <= room, "offset " + offset + " of track " + k);
                for (int i = 0; i < CHUNK; i++) {
                    float expected = offset + i < LENGTHS[k] ? AudioFolder.value(start + i) : 0f;
                    assertEquals(expected, row[i], 0f, "track " + k + " sample " + i);
                }
            }
            assertEquals(LENGTHS.length, offsets.size());
        }
    }

    @Test
    void theSameSeedGivesTheSameBatchesWhateverTheThreadsAndEpochsDiffer() {
        List<Track> train = index.split(Split.TRAIN);
        List<float[]> one;
        List<float[]> again;
        List<float[]> nextEpoch;
        try (BatchStream single = stream(decoding, 1, 1); BatchStream many = stream(decoding, 3, 5)) {
            one = rows(single.trainingEpoch(train, 3, 7, 1, 0), CHUNK);
            again = rows(many.trainingEpoch(train, 3, 7, 1, 0), CHUNK);
            nextEpoch = rows(many.trainingEpoch(train, 3, 7, 2, 0), CHUNK);
        }
        assertEquals(one.size(), again.size());
        for (int r = 0; r < one.size(); r++) {
            assertArrayEquals(one.get(r), again.get(r), "row " + r);
        }
        assertNotEquals(starts(one), starts(nextEpoch), "another epoch, another order and crops");
    }

    @Test
    void aResumedEpochContinuesWithTheBatchesItWouldHaveHad() {
        List<Track> train = index.split(Split.TRAIN);
        try (BatchStream stream = stream(decoding, 2, 2)) {
            List<float[]> whole = rows(stream.trainingEpoch(train, 3, 9, 4, 0), CHUNK);
            List<float[]> rest = rows(stream.trainingEpoch(train, 3, 9, 4, 2), CHUNK);

            assertEquals(whole.size() - 6, rest.size());
            for (int r = 0; r < rest.size(); r++) {
                assertArrayEquals(whole.get(r + 6), rest.get(r), "row " + r);
            }
        }
    }

    @Test
    void evaluationChunksAreEvenlySpacedFromStartToEnd() {
        Track track = index.split(Split.TRAIN).get(0);
        try (BatchStream stream = stream(decoding, 2, 2);
             OrderedPrefetch<BatchStream.TrackChunks> chunks = stream.evaluation(List.of(track), 4)) {
            BatchStream.TrackChunks only = chunks.next();
            assertFalse(chunks.hasNext());

            assertEquals(track, only.track());
            // room = 1500 - 400 = 1100: chunks at round(1100 * c / 3).
            assertEquals(List.of(0, 367, 733, 1100), starts(split(only.batch(), CHUNK)));
            assertArrayEquals(new float[] {1, 0, 1, 0, 1, 0, 1, 0}, only.batch().labels());
        }
    }

    @Test
    void theCacheGivesTheSameBatchesAsDecoding() {
        List<Track> train = index.split(Split.TRAIN);
        PcmCache cache = new PcmCache(dir.resolve("cache"), new AudioDecoder(AudioFolder.RATE), AudioFolder.RATE);
        try (BatchStream decoded = stream(decoding, 2, 2); BatchStream cached = stream(cache, 2, 2)) {
            List<float[]> expected = rows(decoded.trainingEpoch(train, 4, 3, 5, 0), CHUNK);
            List<float[]> filling = rows(cached.trainingEpoch(train, 4, 3, 5, 0), CHUNK);
            List<float[]> fromCache = rows(cached.trainingEpoch(train, 4, 3, 5, 0), CHUNK);
            for (int r = 0; r < expected.size(); r++) {
                assertArrayEquals(expected.get(r), filling.get(r));
                assertArrayEquals(expected.get(r), fromCache.get(r));
            }
        }
    }

    @Test
    void missingAndUnreadableTracksAreSkippedAndCounted() throws IOException {
        AudioFolder folder = new AudioFolder(dir.resolve("mixed"))
                .counting("good", Split.TRAIN, 0, 800)
                .missing("gone", Split.TRAIN)
                .notAudio("text", Split.TRAIN)
                .missing("lost", Split.VALID)
                .counting("fine", Split.VALID, 5000, 800);
        TrackIndex mixed = folder.index();
        try (BatchStream stream = stream(decoding, 2, 2)) {
            assertEquals(1, rows(stream.trainingEpoch(mixed.split(Split.TRAIN), 2, 1, 1, 0), CHUNK).size());
            assertEquals(1, rows(stream.trainingEpoch(mixed.split(Split.TRAIN), 2, 1, 2, 0), CHUNK).size());
            List<BatchStream.TrackChunks> valid = new ArrayList<>();
            stream.evaluation(mixed.split(Split.VALID), 2).forEachRemaining(valid::add);

            assertEquals(List.of("fine"), valid.stream().map(c -> c.track().id()).toList());
            Map<Split, List<String>> skipped = stream.skipped().bySplit();
            assertEquals(2, skipped.get(Split.TRAIN).size());
            assertTrue(skipped.get(Split.TRAIN).get(0).startsWith(dir.resolve("mixed/gone.wav") + ": "),
                    skipped.get(Split.TRAIN).toString());
            assertTrue(skipped.get(Split.TRAIN).get(1).startsWith(dir.resolve("mixed/text.wav") + ": "),
                    skipped.get(Split.TRAIN).toString());
            assertEquals(1, skipped.get(Split.VALID).size());
            assertEquals(List.of(), skipped.get(Split.TEST));
        }
    }

    @Test
    void aSplitWithNoUsableTrackGivesNoBatchesAndANamedError() throws IOException {
        TrackIndex bad = new AudioFolder(dir.resolve("bad")).missing("a", Split.TEST).notAudio("b", Split.TEST)
                .index();
        try (BatchStream stream = stream(decoding, 1, 1)) {
            assertFalse(stream.evaluation(bad.split(Split.TEST), 3).hasNext());

            String message = stream.skipped().noUsableTracks(Split.TEST).getMessage();
            assertTrue(message.startsWith("the test split has no usable tracks (2 missing or unreadable, e.g. "
                    + dir.resolve("bad/a.wav") + ": "), message);
        }
    }

    @Test
    void augmentedBatchesAreTheSameWhateverTheThreadsAndAResumedEpochGoesOnWithThem() {
        List<Track> train = index.split(Split.TRAIN);
        Augmentation all = augmentation(new UniformRange(-12, 12), new UniformRange(-2, 2), new UniformRange(0.8, 1.25),
                0.3, new SpecAugmentConfig(2, 20, 1, 2, MaskFill.ZERO));
        List<Batch> one;
        List<Batch> many;
        List<Batch> rest;
        try (BatchStream single = stream(decoding, 1, 1, all); BatchStream threads = stream(decoding, 3, 5, all)) {
            one = batches(single.trainingEpoch(train, 3, 7, 1, 0));
            many = batches(threads.trainingEpoch(train, 3, 7, 1, 0));
            rest = batches(threads.trainingEpoch(train, 3, 7, 1, 2));
        }
        assertEquals(4, one.size());
        assertEquals(one.size(), many.size());
        for (int b = 0; b < one.size(); b++) {
            assertArrayEquals(one.get(b).features(), many.get(b).features(), "batch " + b);
            assertArrayEquals(one.get(b).labels(), many.get(b).labels(), "batch " + b);
        }
        assertEquals(one.size() - 2, rest.size());
        for (int b = 0; b < rest.size(); b++) {
            assertArrayEquals(one.get(b + 2).features(), rest.get(b).features(), "resumed batch " + b);
            assertArrayEquals(one.get(b + 2).labels(), rest.get(b).labels(), "resumed batch " + b);
        }
    }

    @Test
    void aGainScalesEachCropOfTheUnaugmentedEpochByOneDrawnFactorPerClipAndEpoch() {
        List<Track> train = index.split(Split.TRAIN);
        // Cuts only: the gain clips at full scale, which would hide the factor.
        Augmentation gain = augmentation(new UniformRange(-12, 0), new UniformRange(0, 0), new UniformRange(1, 1), 0,
                new SpecAugmentConfig(0, 20, 0, 2, MaskFill.ZERO));
        try (BatchStream plain = stream(decoding, 2, 2); BatchStream gained = stream(decoding, 2, 2, gain)) {
            List<Double> epochOne = factors(rows(plain.trainingEpoch(train, 4, 5, 1, 0), CHUNK),
                    rows(gained.trainingEpoch(train, 4, 5, 1, 0), CHUNK));
            List<Double> epochTwo = factors(rows(plain.trainingEpoch(train, 4, 5, 2, 0), CHUNK),
                    rows(gained.trainingEpoch(train, 4, 5, 2, 0), CHUNK));

            for (double factor : epochOne) {
                assertTrue(factor >= Math.pow(10, -12 / 20.0) - 1e-6 && factor <= 1 + 1e-6,
                        "a gain within -12..0 dB: " + factor);
            }
            assertEquals(train.size(), new HashSet<>(epochOne).size(), "a gain of its own per clip: " + epochOne);
            assertNotEquals(epochOne, epochTwo, "other gains in another epoch");
        }
    }

    @Test
    void mixupLeavesSoftLabelsThatStillSumToOneAndEvaluationIsNeverAugmented() {
        List<Track> train = index.split(Split.TRAIN);
        Augmentation all = augmentation(new UniformRange(-6, 6), new UniformRange(0, 0), new UniformRange(1, 1), 1,
                new SpecAugmentConfig(1, 20, 1, 2, MaskFill.MEAN));
        try (BatchStream plain = stream(decoding, 2, 2); BatchStream augmented = stream(decoding, 2, 2, all)) {
            boolean soft = false;
            for (Batch batch : batches(augmented.trainingEpoch(train, 5, 3, 1, 0))) {
                for (int r = 0; r < batch.rows(); r++) {
                    float even = batch.labels()[2 * r];
                    soft |= even != 0 && even != 1;
                    assertEquals(1, even + batch.labels()[2 * r + 1], 1e-6, "one-hot labels mix to sum 1");
                }
            }
            assertTrue(soft, "mixup mixed some labels");

            List<BatchStream.TrackChunks> want = chunks(plain.evaluation(train, 3));
            List<BatchStream.TrackChunks> got = chunks(augmented.evaluation(train, 3));
            assertEquals(want.size(), got.size());
            for (int t = 0; t < want.size(); t++) {
                assertArrayEquals(want.get(t).batch().features(), got.get(t).batch().features(), "track " + t);
                assertArrayEquals(want.get(t).batch().labels(), got.get(t).batch().labels(), "track " + t);
            }
        }
    }

    /** The augmentations given, with masks on four "mel bins" of the raw samples (100 "frames" of a chunk). */
    private static Augmentation augmentation(UniformRange gainDb, UniformRange semitones, UniformRange rate,
                                             double mixupAlpha, SpecAugmentConfig masks) {
        return Augmentation.of(new AugmentConfig(gainDb, semitones, rate, mixupAlpha, masks),
                ConfigLoader.features(null, List.of("features.sample_rate=" + AudioFolder.RATE, "features.n_mels=4")));
    }

    /** Per row, the factor that takes the plain row to the gained one (the same for every sample, or it fails). */
    private static List<Double> factors(List<float[]> plain, List<float[]> gained) {
        assertEquals(plain.size(), gained.size());
        List<Double> factors = new ArrayList<>();
        for (int r = 0; r < plain.size(); r++) {
            float[] a = plain.get(r);
            float[] b = gained.get(r);
            int loudest = 0;
            for (int i = 0; i < a.length; i++) {
                loudest = Math.abs(a[i]) > Math.abs(a[loudest]) ? i : loudest;
            }
            double factor = (double) b[loudest] / a[loudest];
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i] * factor, b[i], 1e-6, "row " + r + " sample " + i);
            }
            factors.add(factor);
        }
        return factors;
    }

    private BatchStream stream(PcmSource source, int threads, int prefetch, Augmentation augmentation) {
        return new BatchStream(ChunkFeatures.samples(), CHUNK, source, threads, prefetch, augmentation);
    }

    private static List<Batch> batches(OrderedPrefetch<Batch> batches) {
        List<Batch> all = new ArrayList<>();
        try (batches) {
            batches.forEachRemaining(all::add);
        }
        return all;
    }

    private static List<BatchStream.TrackChunks> chunks(OrderedPrefetch<BatchStream.TrackChunks> chunks) {
        List<BatchStream.TrackChunks> all = new ArrayList<>();
        try (chunks) {
            chunks.forEachRemaining(all::add);
        }
        return all;
    }

    private BatchStream stream(PcmSource source, int threads, int prefetch) {
        return new BatchStream(ChunkFeatures.samples(), CHUNK, source, threads, prefetch);
    }

    private static List<float[]> rows(OrderedPrefetch<Batch> batches, int size) {
        List<float[]> rows = new ArrayList<>();
        try (batches) {
            batches.forEachRemaining(b -> rows.addAll(split(b, size)));
        }
        return rows;
    }

    private static List<float[]> split(Batch batch, int size) {
        List<float[]> rows = new ArrayList<>();
        for (int r = 0; r < batch.rows(); r++) {
            float[] row = new float[size];
            System.arraycopy(batch.features(), r * size, row, 0, size);
            rows.add(row);
        }
        return rows;
    }

    private static List<Integer> starts(List<float[]> rows) {
        return rows.stream().map(r -> AudioFolder.position(r[0])).toList();
    }
}
