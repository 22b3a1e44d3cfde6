package org.tagbench.data.synthetic;

import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import org.tagbench.data.readers.TagTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.tagbench.audio.WavWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tagbench.config.SyntheticDifficulty;
import org.tagbench.progress.Progress;

/**
 * The generated dataset: short mono clips of synthetic music, each a mix of one to four voices plus sometimes
 * background hiss, written as 16-bit WAV files with a {@link TagTable}. Every clip is drawn from the spec and its
 * own number only (never from another clip or thread), so a spec always gives the same bytes, and every label is
 * exact: a tag is present if and only if its sound is in the mix. Every split of at least 12 clips has positives
 * of every tag. The tags and what each sounds like:
 * <ul>
 * <li>{@code piano}: a hammer knock, then inharmonic (stiff-string) partials dying away, the upper ones
 *     fastest, C4–C7.</li>
 * <li>{@code strings}: sawtooth-like (all harmonics at 1/k), 120 ms bowed attack, 5.5 Hz vibrato, G3–G5.</li>
 * <li>{@code flute}: nearly a sine (weak 2nd–4th harmonics) with breath noise around 2.5 kHz and light
 *     vibrato, C5–A6.</li>
 * <li>{@code brass}: rich harmonics peaking at the 3rd–5th, each note swelling by 8 dB and brightening as
 *     it does, D3–A#4.</li>
 * <li>{@code organ}: drawbar partials (sub-octave, fundamental, fifths, octaves), on and off at once,
 *     perfectly steady, C3–G4.</li>
 * <li>{@code bass}: low plucked notes, strong fundamental and few harmonics, E1–B2.</li>
 * <li>{@code guitar}: plucked string, every 5th harmonic missing, quick decay of the upper partials,
 *     E2–D4.</li>
 * <li>{@code drums}: kick (sine sweeping down to 45 Hz) and snare (noise burst around 1.8 kHz) alternating.</li>
 * <li>{@code hihat}: 30 ms noise ticks high-passed at 3.5 kHz.</li>
 * <li>{@code noisy}: steady broadband hiss through the whole clip, 10–18 dB below the music.</li>
 * <li>{@code fast}: every voice plays one note or hit per step at 4–6 steps per second.</li>
 * <li>{@code slow}: the same at 1–1.5 steps per second; a clip is either fast or slow.</li>
 * </ul>
 * Notes are drawn from one major or minor scale per clip, walking by leaps of up to three scale degrees; each
 * sounds for 85 % of its step. Each voice's gain is its balance (decaying and sparse voices are raised to
 * the loudness of sustained ones) less up to 6 dB at random, and every mix is normalised to a 0.89 peak.
 */
public final class SyntheticDataset {
    /** The vocabulary, in column order: the voices, then the tempos. */
    public static final List<String> TAGS = Stream.concat(
            Arrays.stream(SyntheticVoice.values()).map(SyntheticVoice::tag),
            Arrays.stream(SyntheticTempo.values()).map(SyntheticTempo::tag)).toList();
    /** The hard set's vocabulary: the standard tags, then the clip's mode. */
    private static final List<String> HARD_TAGS = Stream.concat(TAGS.stream(),
            Stream.of(SyntheticScore.MAJOR, SyntheticScore.MINOR)).toList();
    /** Bump whenever the audio or the labels a spec gives change, so that no stale folder is reused. */
    static final int GENERATOR_VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(SyntheticDataset.class);
    private static final String AUDIO_FOLDER = "audio";

    private SyntheticDataset() {
    }

    /** The vocabulary of a set of this difficulty, in column order. */
    public static List<String> tags(SyntheticDifficulty difficulty) {
        return difficulty == SyntheticDifficulty.HARD ? HARD_TAGS : TAGS;
    }

    /**
     * The dataset of {@code spec} under {@code root}, generated first unless a complete copy is already there:
     * {@code root/v1-300clips-5.0s-12000hz-seed42/} holds {@code tags.csv} and {@code audio/clip-0000.wav}, ...
     * A folder is complete once its tag table exists, since the table is written last.
     */
    public static TrackIndex ensure(Path root, SyntheticSpec spec) {
        Path folder = root.resolve(folderName(spec));
        Path table = folder.resolve(TagTable.FILE_NAME);
        if (Files.isRegularFile(table)) {
            LOG.debug("reusing synthetic dataset ({} clips) in {}", spec.clips(), folder);
        } else {
            LOG.info("generating synthetic dataset ({} clips) in {}", spec.clips(), folder);
            generate(folder, spec);
        }
        return TagTable.read(table, new TagVocabulary(tags(spec.difficulty())));
    }

    /** The folder of a spec's dataset: every field of the spec and the generator version, readable. */
    static String folderName(SyntheticSpec spec) {
        String difficulty = spec.difficulty() == SyntheticDifficulty.STANDARD ? ""
                : "-" + spec.difficulty().name().toLowerCase(Locale.ROOT);
        return String.format(Locale.ROOT, "v%d%s-%dclips-%ss-%dhz-seed%d", GENERATOR_VERSION, difficulty,
                spec.clips(), spec.clipSeconds(), spec.sampleRate(), spec.seed());
    }

    /** Id of a clip's track: its audio path relative to the dataset folder, without the extension. */
    static String clipId(int clip) {
        return String.format(Locale.ROOT, "%s/clip-%04d", AUDIO_FOLDER, clip);
    }

    private static void generate(Path folder, SyntheticSpec spec) {
        try {
            Files.createDirectories(folder.resolve(AUDIO_FOLDER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
        }
        Track[] tracks = new Track[spec.clips()];
        try (Progress progress = Progress.start("generating synthetic clips", spec.clips(), "clips")) {
            IntStream.range(0, spec.clips()).parallel().forEach(clip -> {
                tracks[clip] = writeClip(folder, spec, clip);
                progress.step();
            });
        }
        TagTable.write(folder.resolve(TagTable.FILE_NAME),
                new TrackIndex(new TagVocabulary(tags(spec.difficulty())), List.of(tracks)));
    }

    private static Track writeClip(Path folder, SyntheticSpec spec, int clip) {
        SyntheticScore score = SyntheticScore.draw(spec, clip);
        float[] mix = SyntheticAudio.render(score, spec.sampleRate(), spec.clipSamples()).mix();
        String id = clipId(clip);
        Path audio = folder.resolve(id + ".wav");
        TagTable.writeAtomically(audio, out -> WavWriter.write(out, mix, spec.sampleRate()));
        return new Track(id, audio, score.labels(), score.split());
    }
}
