package org.tagbench.data.pipeline;

import org.tagbench.data.Split;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tagbench.audio.WavWriter;
import org.tagbench.files.AtomicFile;

/**
 * A small dataset for pipeline tests: 16-bit WAVs whose samples count up (sample i holds i/32768, wrapping), so a
 * chunk's first sample tells where in the track it was cut; tracks may be missing or not audio at all.
 */
final class AudioFolder {
    static final int RATE = 8000;
    static final TagVocabulary TAGS = new TagVocabulary(List.of("even", "odd"));

    private final Path root;
    private final List<Track> tracks = new ArrayList<>();

    AudioFolder(Path root) {
        this.root = root;
    }

    /** A counting track of {@code samples} samples starting at {@code first}. */
    AudioFolder counting(String id, Split split, int first, int samples) throws IOException {
        float[] pcm = new float[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = value(first + i);
        }
        Path file = root.resolve(id + ".wav");
        AtomicFile.write(file, out -> WavWriter.write(out, pcm, RATE));
        return add(id, split, file);
    }

    /** A track whose file does not exist. */
    AudioFolder missing(String id, Split split) {
        return add(id, split, root.resolve(id + ".wav"));
    }

    /** A track whose file holds text, not audio. */
    AudioFolder notAudio(String id, Split split) throws IOException {
        Path file = root.resolve(id + ".wav");
        Files.createDirectories(root);
        Files.writeString(file, "this is not a WAV file\n");
        return add(id, split, file);
    }

    TrackIndex index() {
        return new TrackIndex(TAGS, tracks);
    }

    /** The sample value a counting track holds at position {@code i} of its count. */
    static float value(int i) {
        return (short) (i % 30000) / 32768f;
    }

    /** The count position a sample value stands for. */
    static int position(float sample) {
        return Math.round(sample * 32768f);
    }

    private AudioFolder add(String id, Split split, Path file) {
        boolean even = tracks.size() % 2 == 0;
        tracks.add(new Track(id, file, new boolean[] {even, !even}, split));
        return this;
    }
}
