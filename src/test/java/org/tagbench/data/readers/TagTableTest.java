package org.tagbench.data.readers;

import org.tagbench.data.DatasetException;
import org.tagbench.data.Split;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagTableTest {
    private static final TagVocabulary VOCABULARY = new TagVocabulary(List.of("rock", "jazz", "female vocal"));

    @TempDir
    Path folder;

    @Test
    void writtenTablesReadBackTheSameTracks() throws IOException {
        List<Track> tracks = List.of(
                new Track("a/one", folder.resolve("a/one.wav"), new boolean[] {true, false, true}, Split.TRAIN),
                new Track("two, with comma", folder.resolve("two, with comma.mp3"), new boolean[3], Split.VALID),
                new Track("b/c/three", folder.resolve("b/c/three.flac"), new boolean[] {false, true, false},
                        Split.TEST));
        Path file = folder.resolve(TagTable.FILE_NAME);
        TagTable.write(file, new TrackIndex(VOCABULARY, tracks));
        assertEquals("""
                path,split,tags
                a/one.wav,train,rock;female vocal
                "two, with comma.mp3",valid,
                b/c/three.flac,test,jazz
                """, Files.readString(file));
        TrackIndex read = TagTable.read(file, VOCABULARY);
        assertEquals(VOCABULARY, read.vocabulary());
        assertEquals(tracks.size(), read.tracks().size());
        for (int i = 0; i < tracks.size(); i++) {
            assertEquals(tracks.get(i).id(), read.tracks().get(i).id());
            assertEquals(tracks.get(i).audio(), read.tracks().get(i).audio());
            assertArrayEquals(tracks.get(i).labels(), read.tracks().get(i).labels());
            assertEquals(tracks.get(i).split(), read.tracks().get(i).split());
        }
    }

    @Test
    void withoutAVocabularyTheTagsOfTheFileAreUsedSorted() throws IOException {
        Path file = table("path,split,tags,comment\nx.wav,train,rock; pop ,loud\n\ny.wav,test,ambient\n");
        TrackIndex read = TagTable.read(file);
        assertEquals(List.of("ambient", "pop", "rock"), read.vocabulary().tags());
        assertArrayEquals(new boolean[] {false, true, true}, read.tracks().get(0).labels());
        assertEquals("x", read.tracks().get(0).id());
    }

    @Test
    void anUnknownTagIsReportedWithFileAndLine() throws IOException {
        Path file = table("path,split,tags\n\"x\ny.wav\",train,rock\nz.wav,test,rock;polka\n");
        assertEquals(file + ": line 4: unknown tag \"polka\" (vocabulary: rock, jazz, female vocal)",
                assertThrows(DatasetException.class, () -> TagTable.read(file, VOCABULARY)).getMessage());
    }

    @Test
    void aBadSplitIsReportedWithFileAndLine() throws IOException {
        Path file = table("path,split,tags\nx.wav,training,rock\n");
        assertEquals(file + ": line 2: unknown split \"training\" (expected train, valid, test)",
                assertThrows(DatasetException.class, () -> TagTable.read(file, VOCABULARY)).getMessage());
    }

    @Test
    void aMissingColumnIsReported() throws IOException {
        Path file = table("path,tags\nx.wav,rock\n");
        assertEquals(file + ": line 1: missing column \"split\" (the header must name path, split"
                + " and the tags, unless split files give the split)",
                assertThrows(DatasetException.class, () -> TagTable.read(file)).getMessage());
    }

    @Test
    void rowsThatCannotBeTracksAreReported() throws IOException {
        assertEquals("line 3: path x.wav is already listed on line 2",
                problem("path,split,tags\nx.wav,train,rock\nx.wav,test,jazz\n"));
        assertEquals("line 2: empty path", problem("path,split,tags\n,train,rock\n"));
        assertEquals("line 2: path /abs/x.wav must be relative to the audio folder",
                problem("path,split,tags\n/abs/x.wav,train,rock\n"));
        assertEquals("line 2: a tag is listed twice in [rock, rock]",
                problem("path,split,tags\nx.wav,train,rock;rock\n"));
        assertEquals("no row has a tag, so there is no vocabulary", problem("path,split,tags\nx.wav,train,\n"));
    }

    @Test
    void aMissingTableIsReported() {
        Path file = folder.resolve("absent.csv");
        String message = assertThrows(DatasetException.class, () -> TagTable.read(file)).getMessage();
        assertEquals(file + ": cannot read the tag table (no such file)", message);
    }

    @Test
    void writingATrackOutsideTheFolderIsRefused() throws IOException {
        Track outside = new Track("x", folder.resolveSibling("elsewhere.wav"), new boolean[3], Split.TRAIN);
        Path file = folder.resolve(TagTable.FILE_NAME);
        assertThrows(IllegalArgumentException.class,
                () -> TagTable.write(file, new TrackIndex(VOCABULARY, List.of(outside))));
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(List.of(), left.toList());
        }
    }

    private Path table(String text) throws IOException {
        return Files.writeString(folder.resolve(TagTable.FILE_NAME), text);
    }

    /** The message of reading {@code text} without a vocabulary, less the file name. */
    private String problem(String text) throws IOException {
        Path file = table(text);
        String message = assertThrows(DatasetException.class, () -> TagTable.read(file)).getMessage();
        return message.substring((file + ": ").length());
    }
}
