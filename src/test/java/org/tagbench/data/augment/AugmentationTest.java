package org.tagbench.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tagbench.config.AugmentConfig;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.MaskFill;
import org.tagbench.config.SpecAugmentConfig;
import org.tagbench.config.UniformRange;
import org.tagbench.data.Batch;

/**
 * A clip's augmentation: a gain of 20 log10(2) dB doubles every sample (clipping at full scale); a pitch shift of
 * three semitones takes a 440 Hz tone to 523.25 Hz; a stretch fills the chunk from rate times its length of audio, a
 * tone ending 0.8 s in ending 1 s in at rate 0.8; the same clip seed draws the same augmentation bit for bit and
 * another seed another; with nothing on, clips and batches pass through untouched.
 */
class AugmentationTest {
    private static final int RATE = 8000;
    private static final FeatureConfig FEATURES = ConfigLoader.features(null, List.of("features.sample_rate=" + RATE,
            "features.n_mels=8"));
    private static final SpecAugmentConfig NO_MASKS = new SpecAugmentConfig(0, 70, 0, 15, MaskFill.MEAN);

    @Test
    void aGainOfSixPointZeroTwoDecibelsDoublesTheSamples() {
        Augmentation doubling = gain(new UniformRange(20 * Math.log10(2), 20 * Math.log10(2)));
        float[] chunk = {0.25f, -0.5f, 0.125f, 0f, 0.3f, -1f};

        float[] out = doubling.clip(1).waveform(chunk, chunk.length);

        assertArrayEquals(new float[] {0.5f, -1f, 0.25f, 0f, 0.6f, -1f}, out, 1e-7f, "clipped at full scale");
        assertEquals(6.0206, 20 * Math.log10(2), 1e-4);
    }

    @Test
    void theSameClipSeedAugmentsAlikeAndAnotherSeedOtherwise() {
        Augmentation augmentation = Augmentation.of(new AugmentConfig(new UniformRange(-10, 10), new UniformRange(0, 0),
                new UniformRange(1, 1), 0.5, new SpecAugmentConfig(2, 5, 2, 3, MaskFill.ZERO)), FEATURES);
        float[] chunk = noise(400, 1);
        float[] logMel = noise(8 * 50, 2);

        float[] once = augmentation.clip(42).features(augmentation.clip(42).waveform(chunk, 400));
        assertArrayEquals(once, augmentation.clip(42).features(augmentation.clip(42).waveform(chunk, 400)));
        assertFalse(Arrays.equals(augmentation.clip(42).waveform(chunk, 400),
                augmentation.clip(43).waveform(chunk, 400)));
        assertArrayEquals(augmentation.clip(42).features(logMel), augmentation.clip(42).features(logMel));
        assertFalse(Arrays.equals(augmentation.clip(42).features(logMel), augmentation.clip(43).features(logMel)));

        Batch batch = new Batch(noise(4 * 10, 3), new float[] {1, 0, 0, 1, 1, 1, 0, 0}, 4);
        assertArrayEquals(augmentation.mix(batch, 9).features(), augmentation.mix(batch, 9).features());
        assertArrayEquals(augmentation.mix(batch, 9).labels(), augmentation.mix(batch, 9).labels());
        assertFalse(Arrays.equals(augmentation.mix(batch, 9).features(), augmentation.mix(batch, 10).features()));
    }

    @Test
    void nothingOnPassesClipsAndBatchesThrough() {
        Augmentation off = gain(new UniformRange(0, 0));
        float[] chunk = noise(100, 4);
        Batch batch = new Batch(noise(20, 5), new float[] {1, 0}, 2);

        for (Augmentation none : List.of(off, Augmentation.NONE)) {
            assertEquals(100, none.clip(3).samples(100));
            assertSame(chunk, none.clip(3).waveform(chunk, 100));
            assertSame(chunk, none.clip(3).features(chunk));
            assertSame(batch, none.mix(batch, 3));
        }
    }

    @Test
    void aPitchShiftOfThreeSemitonesTakesATone440HzTo523Hz() {
        Augmentation up = waveform(new UniformRange(3, 3), new UniformRange(1, 1));
        float[] tone = tone(440, 2 * RATE, 2 * RATE);

        Augmentation.Clip clip = up.clip(5);
        float[] out = clip.waveform(tone, tone.length);

        assertEquals(tone.length, clip.samples(tone.length));
        assertEquals(tone.length, out.length);
        assertEquals(440 * Math.pow(2, 3 / 12.0), frequency(out, RATE / 2, 3 * RATE / 2), 1.0);
    }

    @Test
    void aStretchFillsTheChunkFromRateTimesItsLength() {
        int chunk = 2 * RATE;
        // Slower: 0.8 s of tone then silence, cut from 0.8 x 2 s, lasts 1 s of the 2 s chunk.
        Augmentation.Clip slower = waveform(new UniformRange(0, 0), new UniformRange(0.8, 0.8)).clip(1);
        assertEquals(12_800, slower.samples(chunk));
        float[] out = slower.waveform(tone(440, 12_800, 6_400), chunk);
        assertEquals(chunk, out.length);
        // The phase vocoder's 2048-sample frames smear the end over a few hundred samples either side.
        assertTrue(rms(out, 6_600, 7_400) > 0.5, "the tone still sounds 0.83 to 0.93 s in, past its 0.8 s unstretched");
        assertTrue(rms(out, 10_000, chunk) < 0.01, "and is gone from 1.25 s");
        assertEquals(440, frequency(out, 1_000, 7_000), 1.0, "at its own pitch");

        // Faster: 2.5 s of tone, cut whole, fill the 2 s chunk to its end.
        Augmentation.Clip faster = waveform(new UniformRange(0, 0), new UniformRange(1.25, 1.25)).clip(1);
        assertEquals(20_000, faster.samples(chunk));
        float[] full = faster.waveform(tone(440, 20_000, 20_000), chunk);
        assertEquals(chunk, full.length);
        assertTrue(rms(full, 14_000, 15_500) > 0.5, "the tone lasts to the chunk's end");
    }

    @Test
    void pitchAndStretchDrawsRepeatPerSeed() {
        Augmentation both = waveform(new UniformRange(-2, 2), new UniformRange(0.8, 1.25));
        float[] excerpt = noise(10_000, 6);

        Augmentation.Clip one = both.clip(17);
        Augmentation.Clip again = both.clip(17);
        Augmentation.Clip other = both.clip(18);

        assertEquals(one.samples(8_000), again.samples(8_000));
        float[] cut = Arrays.copyOf(excerpt, one.samples(8_000));
        assertArrayEquals(one.waveform(cut, 8_000), again.waveform(cut, 8_000));
        assertFalse(Arrays.equals(one.waveform(cut, 8_000),
                other.waveform(Arrays.copyOf(excerpt, other.samples(8_000)), 8_000)));
    }

    private static Augmentation waveform(UniformRange semitones, UniformRange rate) {
        return Augmentation.of(new AugmentConfig(new UniformRange(0, 0), semitones, rate, 0, NO_MASKS), FEATURES);
    }

    /** {@code length} samples of a 0.8-amplitude sine at {@code hz}, silent from sample {@code end} on. */
    private static float[] tone(double hz, int length, int end) {
        float[] out = new float[length];
        for (int i = 0; i < end; i++) {
            out[i] = (float) (0.8 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return out;
    }

    /** The frequency of a tone from its upward zero crossings in [from, to), interpolated between samples. */
    private static double frequency(float[] x, int from, int to) {
        double first = -1;
        double last = -1;
        int crossings = 0;
        for (int i = from; i < to - 1; i++) {
            if (x[i] < 0 && x[i + 1] >= 0) {
                double at = i + x[i] / (double) (x[i] - x[i + 1]);
                first = first < 0 ? at : first;
                last = at;
                crossings++;
            }
        }
        return (crossings - 1) * RATE / (last - first);
    }

    /** The root mean square of x[from, to) as a share of the full tone's, 0.8 / sqrt(2). */
    private static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * (double) x[i];
        }
        return Math.sqrt(sum / (to - from)) / (0.8 / Math.sqrt(2));
    }

    private static Augmentation gain(UniformRange db) {
        return Augmentation.of(new AugmentConfig(db, new UniformRange(0, 0), new UniformRange(1, 1), 0, NO_MASKS),
                FEATURES);
    }

    private static float[] noise(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
