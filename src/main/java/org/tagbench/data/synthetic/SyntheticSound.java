package org.tagbench.data.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/** How a voice turns its notes into samples. */
interface SyntheticSound {
    /** Adds the sound of {@code notes} to {@code out}, drawing every noise sample and phase from {@code random}. */
    void render(List<SyntheticNote> notes, SplittableRandom random, double[] out, int sampleRate);
}
