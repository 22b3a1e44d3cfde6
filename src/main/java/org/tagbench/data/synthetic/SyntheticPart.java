package org.tagbench.data.synthetic;

import java.util.List;

/**
 * What one voice plays in a clip: its notes, its gain, and the seed of the noise and phases it is rendered with.
 * For the background hiss, which has no notes, {@code gain} is its level relative to the RMS of the other parts.
 */
record SyntheticPart(SyntheticVoice voice, double gain, List<SyntheticNote> notes, long seed) {
    SyntheticPart {
        notes = List.copyOf(notes);
    }
}
