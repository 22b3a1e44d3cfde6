package org.tagbench.data.readers;

import org.tagbench.data.Split;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tagbench.config.JamendoDataConfig;

/**
 * Reads one MTG-Jamendo autotagging split: {@code autotagging_top50tags-{train,validation,test}.tsv}, tab-separated
 * (no quoting), a header {@code TRACK_ID ARTIST_ID ALBUM_ID PATH DURATION TAGS}, then per row the track's fields and
 * its tags, the first under TAGS and any further ones in further fields. Tag names stay as published,
 * {@code category---name}; the vocabulary is every tag of the three files, sorted (so tags of one category sit
 * together). Track ids are TRACK_IDs.
 */
public final class MtgJamendo {
    private static final List<String> HEADER = List.of("TRACK_ID", "ARTIST_ID", "ALBUM_ID", "PATH", "DURATION", "TAGS");
    private static final int PATH = 3;
    private static final int TAGS = 5;
    private static final Map<Split, String> FILE_SPLIT = Map.of(Split.TRAIN, "train", Split.VALID, "validation",
            Split.TEST, "test");

    private MtgJamendo() {
    }

    /** One row: the track, its audio path relative to the audio folder and its tags. */
    private record Row(String id, String path, List<String> tags, Split split) {
    }

    /** Every track of the three files: train, valid (the validation file), test, each in file order. */
    public static TrackIndex read(JamendoDataConfig config) {
        List<Row> rows = new ArrayList<>();
        TrackIds seen = new TrackIds();
        for (Split split : Split.values()) {
            Path file = config.splitDir().resolve("autotagging_top50tags-" + FILE_SPLIT.get(split) + ".tsv");
            DatasetFiles.requireFile(file, "an MTG-Jamendo split file");
            List<String> lines = DatasetFiles.values(file, "a track");
            if (lines.isEmpty() || !Arrays.asList(lines.get(0).split("\t")).equals(HEADER)) {
                throw DatasetFiles.problem(file, 1, "the header must be " + String.join(" ", HEADER)
                        + " (separated by tabs)");
            }
            for (int i = 1; i < lines.size(); i++) {
                Row row = row(file, i + 1, lines.get(i), split);
                seen.add(row.id(), TrackIds.Place.line(file, i + 1), split);
                rows.add(row);
            }
        }
        TagVocabulary vocabulary = new TagVocabulary(rows.stream().flatMap(r -> r.tags().stream()).distinct()
                .sorted().toList());
        List<Track> tracks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            boolean[] labels = new boolean[vocabulary.size()];
            row.tags().forEach(tag -> labels[vocabulary.indexOf(tag)] = true);
            tracks.add(new Track(row.id(), config.root().resolve(row.path()), labels, row.split()));
        }
        return new TrackIndex(vocabulary, tracks);
    }

    private static Row row(Path file, long line, String text, Split split) {
        String[] fields = text.split("\t");
        if (fields.length <= TAGS) {
            throw DatasetFiles.problem(file, line, "has " + fields.length + " fields, expected "
                    + String.join(" ", HEADER) + " and at least one tag");
        }
        Set<String> tags = new LinkedHashSet<>();
        for (int i = TAGS; i < fields.length; i++) {
            String tag = fields[i].trim();
            if (!tag.contains("---") || !tags.add(tag)) {
                throw DatasetFiles.problem(file, line, "tag \"" + tag + "\" is " + (tag.contains("---")
                        ? "listed twice" : "not of the form category---name"));
            }
        }
        return new Row(fields[0].trim(), fields[PATH].trim(), List.copyOf(tags), split);
    }
}
