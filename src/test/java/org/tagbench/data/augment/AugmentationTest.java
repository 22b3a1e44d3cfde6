package org.tagbench.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

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
 * A clip's augmentation: a gain of 20 log10(2) dB doubles every sample; the same clip seed draws the same
 * augmentation bit for bit and another seed another; with nothing on, clips and batches pass through untouched.
 */
class AugmentationTest {
    private static final FeatureConfig FEATURES = ConfigLoader.features(null, List.of("features.n_mels=8"));
    private static final SpecAugmentConfig NO_MASKS = new SpecAugmentConfig(0, 70, 0, 15, MaskFill.MEAN);

    @Test
    void aGainOfSixPointZeroTwoDecibelsDoublesTheSamples() {
        Augmentation doubling = gain(new UniformRange(20 * Math.log10(2), 20 * Math.log10(2)));
        float[] chunk = {0.25f, -0.5f, 0.125f, 0f, 0.3f, -1f};

        float[] out = doubling.clip(1).waveform(chunk);

        assertArrayEquals(new float[] {0.5f, -1f, 0.25f, 0f, 0.6f, -2f}, out, 1e-7f, "not clipped at full scale");
        assertEquals(6.0206, 20 * Math.log10(2), 1e-4);
    }

    @Test
    void theSameClipSeedAugmentsAlikeAndAnotherSeedOtherwise() {
        Augmentation augmentation = Augmentation.of(new AugmentConfig(new UniformRange(-10, 10), new UniformRange(0, 0),
                new UniformRange(1, 1), 0.5, new SpecAugmentConfig(2, 5, 2, 3, MaskFill.ZERO)), FEATURES);
        float[] chunk = noise(400, 1);
        float[] logMel = noise(8 * 50, 2);

        float[] once = augmentation.clip(42).features(augmentation.clip(42).waveform(chunk));
        assertArrayEquals(once, augmentation.clip(42).features(augmentation.clip(42).waveform(chunk)));
        assertFalse(Arrays.equals(augmentation.clip(42).waveform(chunk), augmentation.clip(43).waveform(chunk)));
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
            assertSame(chunk, none.clip(3).waveform(chunk));
            assertSame(chunk, none.clip(3).features(chunk));
            assertSame(batch, none.mix(batch, 3));
        }
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
