package org.tagbench.data.synthetic;

/**
 * The sound sources of the synthetic set, each named by its tag: seven pitched instruments with their registers
 * (MIDI notes), two percussion voices and the background hiss, each with its balance in the mix. The instruments
 * overlap in register as real ones do; their partials and envelopes tell them apart (see {@link SyntheticDataset}).
 */
enum SyntheticVoice {
    PIANO("piano", 60, 96, 5, SyntheticTone
            // The hammer strikes at 1/7 of the string, so the 7th and 14th partials are nearly missing.
            .harmonics(16, k -> Math.abs(StrictMath.sin(Math.PI * k / 7)) / StrictMath.pow(k, 0.7))
            .attack(0.002).decay(0.5, 0.5).inharmonicity(0.0004).noise(1.0, 0.01)),
    STRINGS("strings", 55, 79, 0, SyntheticTone.harmonics(40, k -> 1.0 / k).attack(0.12).vibrato(0.006)),
    FLUTE("flute", 72, 93, 0, SyntheticTone.partials(new double[] {1, 2, 3, 4}, new double[] {1, 0.15, 0.06, 0.02})
            .attack(0.04).vibrato(0.004).noise(0.3, Double.POSITIVE_INFINITY)),
    BRASS("brass", 50, 70, 5, SyntheticTone.harmonics(14, k -> k * StrictMath.exp(-k / 4.0)).attack(0.03).swell(8)),
    ORGAN("organ", 48, 67, 0, SyntheticTone.partials(
            // Drawbars 16', 8', 5 1/3', 4', 2 2/3', 2', 1 1/3', 1': sub-octave, fundamental, fifths and octaves.
            new double[] {0.5, 1, 1.5, 2, 3, 4, 6, 8},
            new double[] {0.7, 1, 0.5, 0.8, 0.6, 0.5, 0.35, 0.3}).attack(0.004)),
    BASS("bass", 28, 47, 3, SyntheticTone.partials(new double[] {1, 2, 3, 4, 5, 6},
            new double[] {1, 0.5, 0.3, 0.15, 0.08, 0.04}).attack(0.006).decay(0.9, 0.8)),
    GUITAR("guitar", 40, 62, 5, SyntheticTone
            // Plucked at 1/5 of the string, so the 5th, 10th, ... partials are missing.
            .harmonics(20, k -> Math.abs(StrictMath.sin(Math.PI * k / 5)) / k)
            .attack(0.002).decay(0.4, 0.6).inharmonicity(0.0001)),
    DRUMS("drums", 3, new SyntheticDrums()),
    HIHAT("hihat", 3, new SyntheticHihat()),
    NOISY("noisy", 0, new SyntheticHiss());

    private final String tag;
    private final int lowMidi;
    private final int highMidi;
    private final double balanceDb;
    private final SyntheticSound sound;

    SyntheticVoice(String tag, int lowMidi, int highMidi, double balanceDb, SyntheticSound sound) {
        this.tag = tag;
        this.lowMidi = lowMidi;
        this.highMidi = highMidi;
        this.balanceDb = balanceDb;
        this.sound = sound;
    }

    SyntheticVoice(String tag, double balanceDb, SyntheticSound sound) {
        this(tag, -1, -1, balanceDb, sound);
    }

    /** The tag naming this voice. */
    String tag() {
        return tag;
    }

    /** Lowest MIDI note the voice plays; only for pitched voices. */
    int lowMidi() {
        return lowMidi;
    }

    /** Highest MIDI note the voice plays; only for pitched voices. */
    int highMidi() {
        return highMidi;
    }

    /**
     * Gain in dB that brings the voice to about the loudness of a sustained one: decaying and sparse sounds
     * carry less energy per note, and would otherwise be buried in the mix.
     */
    double balanceDb() {
        return balanceDb;
    }

    /** How the voice sounds. */
    SyntheticSound sound() {
        return sound;
    }

    /** Whether the voice plays notes of a pitch (else hits or a steady background). */
    boolean pitched() {
        return lowMidi >= 0;
    }

    /** Whether the voice is the background hiss: no notes, its level set relative to the other parts. */
    boolean background() {
        return this == NOISY;
    }
}
