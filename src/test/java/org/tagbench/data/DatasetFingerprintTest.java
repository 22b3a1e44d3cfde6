package org.tagbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset fingerprint equals the one scripts/dataset_fingerprint_golden.py computes from the documented layout,
 * does not depend on the order tracks are listed in or on the dataset's folder, and changes with any label, split,
 * tag order, file size or (for the size-and-time fingerprint) modification time.
 */
class DatasetFingerprintTest {
    private static final long MTIME_FRACTION_NANOS = 987_654_321L;

    @TempDir
    Path root;
    private JsonNode fixture;
    private TrackIndex index;

    @BeforeEach
    void buildFixture() throws IOException {
        fixture = resource("fingerprint-fixture.json");
        index = write(root);
    }

    @Test
    void equalsTheFingerprintsComputedInPython() throws IOException {
        JsonNode golden = resource("fingerprint-golden.json");
        assertEquals(expected(golden.get(DatasetFingerprint.SIZE_MTIME)), DatasetFingerprint.bySizeAndTime(index));
        assertEquals(expected(golden.get(DatasetFingerprint.CONTENT)), DatasetFingerprint.byContent(index));
    }

    @Test
    void theOrderOfTheListingDoesNotCount() throws IOException {
        List<Track> shuffled = new ArrayList<>(index.tracks());
        Collections.shuffle(shuffled, new Random(7));
        Collections.reverse(shuffled);
        TrackIndex reordered = new TrackIndex(index.vocabulary(), shuffled);
        assertEquals(DatasetFingerprint.bySizeAndTime(index), DatasetFingerprint.bySizeAndTime(reordered));
        assertEquals(DatasetFingerprint.byContent(index), DatasetFingerprint.byContent(reordered));
    }

    @Test
    void theSameFilesInAnotherFolderGiveTheSameFingerprint(@TempDir Path elsewhere) throws IOException {
        assertEquals(DatasetFingerprint.bySizeAndTime(index), DatasetFingerprint.bySizeAndTime(write(elsewhere)));
    }

    @Test
    void oneChangedLabelChangesItsSplitAndTheDataset() throws IOException {
        Track first = index.split(Split.VALID).get(0);
        boolean[] labels = first.labels();
        labels[2] = !labels[2];
        DatasetFingerprint changed = DatasetFingerprint.bySizeAndTime(replace(first,
                new Track(first.id(), first.audio(), labels, first.split())));
        assertOnlySplitChanged(DatasetFingerprint.bySizeAndTime(index), changed, Split.VALID);
    }

    @Test
    void aTrackMovedToAnotherSplitChangesIt() throws IOException {
        Track track = index.split(Split.TEST).get(1);
        DatasetFingerprint moved = DatasetFingerprint.bySizeAndTime(replace(track,
                new Track(track.id(), track.audio(), track.labels(), Split.VALID)));
        DatasetFingerprint before = DatasetFingerprint.bySizeAndTime(index);
        assertNotEquals(before.dataset(), moved.dataset());
        assertNotEquals(before.splits().get("valid"), moved.splits().get("valid"));
        assertNotEquals(before.splits().get("test"), moved.splits().get("test"));
        assertEquals(before.splits().get("train"), moved.splits().get("train"));
    }

    @Test
    void aFileOfAnotherSizeChangesBothFingerprints() throws IOException {
        DatasetFingerprint stat = DatasetFingerprint.bySizeAndTime(index);
        DatasetFingerprint content = DatasetFingerprint.byContent(index);
        Path audio = index.split(Split.TRAIN).get(0).audio();
        FileTime time = Files.getLastModifiedTime(audio);
        Files.writeString(audio, Files.readString(audio) + "!");
        Files.setLastModifiedTime(audio, time);
        assertOnlySplitChanged(stat, DatasetFingerprint.bySizeAndTime(index), Split.TRAIN);
        assertOnlySplitChanged(content, DatasetFingerprint.byContent(index), Split.TRAIN);
    }

    @Test
    void aNewModificationTimeChangesTheSizeAndTimeFingerprintOnly() throws IOException {
        DatasetFingerprint stat = DatasetFingerprint.bySizeAndTime(index);
        DatasetFingerprint content = DatasetFingerprint.byContent(index);
        Path audio = index.split(Split.TEST).get(1).audio();
        Files.setLastModifiedTime(audio, FileTime.fromMillis(Files.getLastModifiedTime(audio).toMillis() + 60_000));
        assertOnlySplitChanged(stat, DatasetFingerprint.bySizeAndTime(index), Split.TEST);
        assertEquals(content, DatasetFingerprint.byContent(index));
    }

    @Test
    void aSubSecondTimeChangeDoesNotCount() throws IOException {
        DatasetFingerprint stat = DatasetFingerprint.bySizeAndTime(index);
        Path audio = index.split(Split.TEST).get(1).audio();
        long seconds = Files.getLastModifiedTime(audio).to(TimeUnit.SECONDS);
        Files.setLastModifiedTime(audio, FileTime.from(seconds * 1_000_000_000L + 5, TimeUnit.NANOSECONDS));
        assertEquals(stat, DatasetFingerprint.bySizeAndTime(index));
    }

    @Test
    void theTagOrderCounts() throws IOException {
        List<String> tags = new ArrayList<>(index.vocabulary().tags());
        Collections.swap(tags, 0, 1);
        List<Track> swapped = index.tracks().stream().map(t -> {
            boolean[] labels = t.labels();
            boolean first = labels[0];
            labels[0] = labels[1];
            labels[1] = first;
            return new Track(t.id(), t.audio(), labels, t.split());
        }).toList();
        DatasetFingerprint before = DatasetFingerprint.bySizeAndTime(index);
        DatasetFingerprint after = DatasetFingerprint.bySizeAndTime(new TrackIndex(new TagVocabulary(tags), swapped));
        for (Split split : Split.values()) {
            assertNotEquals(before.splits().get(split.label()), after.splits().get(split.label()), split.label());
        }
    }

    private static void assertOnlySplitChanged(DatasetFingerprint before, DatasetFingerprint after, Split changed) {
        assertNotEquals(before.dataset(), after.dataset());
        for (Split split : Split.values()) {
            String label = split.label();
            if (split == changed) {
                assertNotEquals(before.splits().get(label), after.splits().get(label), label);
            } else {
                assertEquals(before.splits().get(label), after.splits().get(label), label);
            }
        }
    }

    private TrackIndex replace(Track old, Track replacement) {
        return new TrackIndex(index.vocabulary(),
                index.tracks().stream().map(t -> t == old ? replacement : t).toList());
    }

    /** Writes the fixture's files under {@code folder} (contents as UTF-8, times as given) and returns its index. */
    private TrackIndex write(Path folder) throws IOException {
        List<String> tags = new ArrayList<>();
        fixture.get("tags").forEach(t -> tags.add(t.asText()));
        List<Track> tracks = new ArrayList<>();
        for (JsonNode t : fixture.get("tracks")) {
            Path audio = folder.resolve(t.get("file").asText());
            if (!t.get("content").isNull()) {
                Files.createDirectories(audio.getParent());
                Files.writeString(audio, t.get("content").asText(), StandardCharsets.UTF_8);
                Files.setLastModifiedTime(audio, FileTime.from(
                        t.get("mtime").asLong() * 1_000_000_000L + MTIME_FRACTION_NANOS, TimeUnit.NANOSECONDS));
            }
            boolean[] labels = new boolean[tags.size()];
            for (int j = 0; j < labels.length; j++) {
                labels[j] = t.get("labels").get(j).asInt() == 1;
            }
            tracks.add(new Track(t.get("id").asText(), audio, labels,
                    Split.valueOf(t.get("split").asText().toUpperCase(Locale.ROOT))));
        }
        return new TrackIndex(new TagVocabulary(tags), tracks);
    }

    private static DatasetFingerprint expected(JsonNode golden) {
        Map<String, String> splits = new LinkedHashMap<>();
        golden.get("splits").fields().forEachRemaining(e -> splits.put(e.getKey(), e.getValue().asText()));
        return new DatasetFingerprint(golden.get("method").asText(), golden.get("dataset").asText(), splits);
    }

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = DatasetFingerprintTest.class.getResourceAsStream("/data/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }
}
