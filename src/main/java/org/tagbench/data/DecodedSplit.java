package org.tagbench.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.audio.AudioException;
import org.tagbench.progress.Progress;

/**
 * The decoded audio of one split held in memory, with the tracks that could not be decoded
 * (missing or unreadable files are reported and skipped, never fatal).
 */
public record DecodedSplit(Split split, List<Track> tracks, List<float[]> audio, List<String> skipped) {
    private static final Logger LOG = LoggerFactory.getLogger(DecodedSplit.class);

    public DecodedSplit {
        tracks = List.copyOf(tracks);
        audio = List.copyOf(audio);
        skipped = List.copyOf(skipped);
    }

    /** Decodes every track of {@code split} in parallel; a split left with no usable track is an error. */
    public static DecodedSplit decode(TrackIndex index, Split split, AudioDecoder decoder) {
        List<Track> wanted = index.split(split);
        if (wanted.isEmpty()) {
            throw new DatasetException("the " + split.label() + " split has no tracks");
        }
        float[][] pcm = new float[wanted.size()][];
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        try (Progress progress = Progress.start("decoding " + split.label(), wanted.size(), "tracks")) {
            IntStream.range(0, wanted.size()).parallel().forEach(i -> {
                try {
                    pcm[i] = decoder.decode(wanted.get(i).audio());
                } catch (AudioException e) {
                    problems.add(e.getMessage());
                }
                progress.step();
            });
        }
        List<Track> tracks = new ArrayList<>();
        List<float[]> audio = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            if (pcm[i] != null) {
                tracks.add(wanted.get(i));
                audio.add(pcm[i]);
            }
        }
        problems.sort(null);
        problems.forEach(p -> LOG.warn("skipped {}", p));
        if (tracks.isEmpty()) {
            throw new DatasetException("the " + split.label() + " split has no usable tracks ("
                    + problems.size() + " missing or unreadable, e.g. " + problems.get(0) + ")");
        }
        return new DecodedSplit(split, tracks, audio, problems);
    }

    /** Number of usable tracks. */
    public int size() {
        return tracks.size();
    }
}
