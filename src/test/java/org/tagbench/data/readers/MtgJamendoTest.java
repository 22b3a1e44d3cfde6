package org.tagbench.data.readers;

import org.tagbench.data.DatasetException;
import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.config.JamendoDataConfig;

class MtgJamendoTest {
    private static final Path AUDIO = Path.of("/audio/jamendo");
    private static final String HEADER = "TRACK_ID\tARTIST_ID\tALBUM_ID\tPATH\tDURATION\tTAGS\n";

    @TempDir
    Path temp;

    @Test
    void thePublishedSplitHasItsRowsAndFiftyTags() {
        TrackIndex index = MtgJamendo.read(new JamendoDataConfig("jamendo", AUDIO, 3,
                SharedSplits.folder("jamendo")));
        List<String> tags = index.vocabulary().tags();
        assertEquals(50, tags.size());
        assertEquals(tags.stream().sorted().toList(), tags);
        for (Split split : Split.values()) {
            JsonNode golden = SharedSplits.golden("jamendo." + split.label());
            assertEquals(golden.get("tracks").asInt(), index.split(split).size(), split.label());
            long[] expected = tags.stream().mapToLong(tag -> golden.get("positives_per_tag").path(tag).asLong())
                    .toArray();
            assertArrayEquals(expected, SharedSplits.positives(index, split), split.label());
        }
        assertEquals(List.of(32_136, 10_888, 11_356), List.of(index.split(Split.TRAIN).size(),
                index.split(Split.VALID).size(), index.split(Split.TEST).size()));
        Track first = index.split(Split.TEST).get(0);
        assertEquals("track_0000215", first.id());
        assertEquals(AUDIO.resolve("15/215.mp3"), first.audio());
        assertTrue(first.hasTag(tags.indexOf("genre---metal")));
    }

    @Test
    void rowsThatCannotBeTracksAreReported() throws IOException {
        assertEquals("line 2: has 5 fields, expected TRACK_ID ARTIST_ID ALBUM_ID PATH DURATION TAGS and at least"
                + " one tag", problem(HEADER + "track_1\tartist_1\talbum_1\t01/1.mp3\t200.0\n"));
        assertEquals("line 2: tag \"rock\" is not of the form category---name",
                problem(HEADER + "track_1\tartist_1\talbum_1\t01/1.mp3\t200.0\trock\n"));
        String row = "track_1\tartist_1\talbum_1\t01/1.mp3\t200.0\tgenre---rock\n";
        assertEquals("line 3: empty line (expected a track, one a line)", problem(HEADER + row + "\n" + row));
        assertEquals("line 2: tag \"genre---rock\" is listed twice",
                problem(HEADER + "track_1\tartist_1\talbum_1\t01/1.mp3\t200.0\tgenre---rock\tgenre---rock\n"));
        assertEquals("line 1: the header must be TRACK_ID ARTIST_ID ALBUM_ID PATH DURATION TAGS (separated by tabs)",
                problem(HEADER.replace('\t', ' ')));
        assertEquals("line 1: the header must be TRACK_ID ARTIST_ID ALBUM_ID PATH DURATION TAGS (separated by tabs)",
                problem(""));
    }

    @Test
    void aTrackInTwoFilesAndAMissingFileAreReported() throws IOException {
        String row = "track_1\tartist_1\talbum_1\t01/1.mp3\t200.0\tgenre---rock\r\n";
        write("train", HEADER + row + "\r\n\r\n");
        write("validation", HEADER);
        write("test", HEADER + row);
        Path test = temp.resolve("autotagging_top50tags-test.tsv");
        assertEquals(test + ": line 2: track track_1 (test) is already listed at "
                + temp.resolve("autotagging_top50tags-train.tsv") + ": line 2 (train); a track may be listed once, in"
                + " one split", problem());
        write("test", HEADER);
        write("validation", HEADER + row.replace("01/1.mp3", "01/1b.mp3") + row);
        Path validation = temp.resolve("autotagging_top50tags-validation.tsv");
        assertEquals(validation + ": line 2: track track_1 (valid) is already listed at "
                + temp.resolve("autotagging_top50tags-train.tsv") + ": line 2 (train); a track may be listed once, in"
                + " one split", problem());
        write("validation", HEADER + row.replace("track_1", "track_2") + row.replace("track_1", "track_2"));
        assertEquals(validation + ": line 3: track track_2 (valid) is already listed at line 2 (valid); a track may be"
                + " listed once, in one split", problem());
        Files.delete(temp.resolve("autotagging_top50tags-validation.tsv"));
        assertEquals(temp.resolve("autotagging_top50tags-validation.tsv") + ": cannot read an MTG-Jamendo split"
                + " file (no such file)", problem());
    }

    private void write(String split, String text) throws IOException {
        Files.writeString(temp.resolve("autotagging_top50tags-" + split + ".tsv"), text);
    }

    /** The problem reading a split whose train file is {@code train}, less the file name. */
    private String problem(String train) throws IOException {
        write("train", train);
        write("validation", HEADER);
        write("test", HEADER);
        return problem().substring((temp.resolve("autotagging_top50tags-train.tsv") + ": ").length());
    }

    private String problem() {
        return assertThrows(DatasetException.class,
                () -> MtgJamendo.read(new JamendoDataConfig("jamendo", AUDIO, 3, temp))).getMessage();
    }
}
