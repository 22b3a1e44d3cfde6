package org.tagbench.data.synthetic;

import java.util.stream.IntStream;

/** The key of a clip: a major or natural minor scale on a root pitch class (0 = C). */
record SyntheticScale(int root, boolean minor) {
    private static final int[] MAJOR = {0, 2, 4, 5, 7, 9, 11};
    private static final int[] MINOR = {0, 2, 3, 5, 7, 8, 10};

    /** Frequencies in Hz, ascending, of the scale's notes from MIDI note {@code low} to {@code high} inclusive. */
    double[] frequencies(int low, int high) {
        int[] steps = minor ? MINOR : MAJOR;
        return IntStream.rangeClosed(low, high)
                .filter(midi -> IntStream.of(steps).anyMatch(s -> s == Math.floorMod(midi - root, 12)))
                .mapToDouble(SyntheticScale::hertz)
                .toArray();
    }

    /** Equal-tempered frequency of a MIDI note, A4 (69) = 440 Hz. */
    static double hertz(int midi) {
        return 440 * StrictMath.pow(2, (midi - 69) / 12.0);
    }
}
