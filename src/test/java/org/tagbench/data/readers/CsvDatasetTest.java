package org.tagbench.data.readers;

import org.tagbench.data.DatasetException;
import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.config.CsvDataConfig;
import org.tagbench.config.SplitFiles;

class CsvDatasetTest {
    @TempDir
    Path temp;

    @Test
    void aTagColumnAndASplitColumnWithAudioBesideTheTable() throws IOException {
        Path table = write("songs.csv", "path,split,tags\nrock/a.mp3,train,rock;loud\nb.ogg,test,jazz\n");
        CsvDataConfig config = new CsvDataConfig("csv", null, 3, table, null);
        DatasetIndex opened = DatasetIndex.open(config, null);
        assertEquals(temp, opened.root());
        TrackIndex index = opened.index();
        assertEquals(List.of("jazz", "loud", "rock"), index.vocabulary().tags());
        Track first = index.tracks().get(0);
        assertEquals("rock/a", first.id());
        assertEquals(temp.resolve("rock/a.mp3"), first.audio());
        assertArrayEquals(new boolean[] {false, true, true}, first.labels());
        assertEquals(Split.TEST, index.tracks().get(1).split());
    }

    @Test
    void zeroOneColumnsInATsvWithSplitFilesUnderAnotherRoot() throws IOException {
        Path table = write("songs.tsv", "path\tvocal\tpiano\tdrums\na.wav\t1\t0\t1\nb.wav\t0\t0\t0\nc.wav\t0\t1\t0\n"
                + "unused.wav\t1\t1\t1\n");
        SplitFiles files = new SplitFiles(write("train.txt", "c.wav\na.wav\n"), write("valid.txt", "b.wav\n"),
                write("test.txt", ""));
        Path audio = Path.of("/music");
        TrackIndex index = CsvDataset.read(new CsvDataConfig("csv", audio, 3, table, files));
        assertEquals(List.of("vocal", "piano", "drums"), index.vocabulary().tags());
        // Table order; a row that no split file lists is left out.
        assertEquals(List.of("a", "b", "c"), index.tracks().stream().map(Track::id).toList());
        assertEquals(List.of(Split.TRAIN, Split.VALID, Split.TRAIN), index.tracks().stream().map(Track::split)
                .toList());
        assertArrayEquals(new boolean[] {true, false, true}, index.tracks().get(0).labels());
        assertEquals(audio.resolve("c.wav"), index.tracks().get(2).audio());
    }

    @Test
    void softLabelsAreTheTargetsAndCountAsTagsFromOneHalf() throws IOException {
        Path table = write("soft.csv", "path,split,calm,loud\na.wav,train,0.25,0.5\nb.wav,test,1,0\n");
        TrackIndex index = CsvDataset.read(new CsvDataConfig("csv", null, 3, table, null));
        assertArrayEquals(new float[] {0.25f, 0.5f}, index.tracks().get(0).targets());
        assertArrayEquals(new boolean[] {false, true}, index.tracks().get(0).labels());
        assertArrayEquals(new float[] {1, 0}, index.tracks().get(1).targets());
        assertArrayEquals(new boolean[] {true, false}, index.tracks().get(1).labels());
    }

    @Test
    void tablesAndSplitFilesThatDoNotFitAreReported() throws IOException {
        SplitFiles files = new SplitFiles(write("train.txt", "a.wav\n"), write("valid.txt", "b.wav\n"),
                write("test.txt", "c.wav\n"));
        Path table = write("songs.csv", "path,split,tags\na.wav,train,rock\n");
        assertEquals(table + ": line 1: has a split column and split files are given too (use one)",
                problem(table, files));
        table = write("songs.csv", "path,rock\na.wav,1\nb.wav,2\n");
        assertEquals(table + ": line 3: tag column \"rock\" holds \"2\", expected 0 or 1 (or a soft label between"
                + " them)", problem(table, files));
        table = write("songs.csv", "path,rock\na.wav,1\nb.wav,0\n");
        assertEquals(table + ": has no row for c.wav, which a split file lists", problem(table, files));
        Files.writeString(files.test(), "a.wav\n");
        assertEquals(files.test() + ": line 1: path a.wav is already listed at " + files.train() + ": line 1",
                problem(table, files));
        table = write("songs.csv", "path,split\na.wav,train\n");
        assertEquals(table + ": line 1: has no tags (expected a tags column or one 0/1 column per tag)",
                problem(table, null));
        table = write("songs.csv", "file,split,rock\na.wav,train,1\n");
        assertEquals(table + ": line 1: missing column \"path\" (the header must name path, the tags and, without"
                + " split files, split)", problem(table, null));
        Path absent = temp.resolve("absent.csv");
        assertEquals(absent + ": cannot read the tag table (no such file)", problem(absent, null));
    }

    @Test
    void aTrackIdListedTwiceIsRefusedNamingBothRows() throws IOException {
        // A track's id is its path without the extension: c0.wav and c0.flac are one track, here in two splits.
        Path table = write("songs.csv", "path,split,tags\nc0.wav,train,rock\nc1.wav,valid,jazz\nc0.flac,test,rock\n");
        assertEquals(table + ": line 4: track c0 (path c0.flac, test) is already listed at line 2 (path c0.wav, train);"
                + " a track may be listed once, in one split (its id is its path without the extension)",
                problem(table, null));
        table = write("songs.csv", "path,split,tags\nc0.wav,train,rock\nc0.flac,train,rock\n");
        assertEquals(table + ": line 3: track c0 (path c0.flac, train) is already listed at line 2 (path c0.wav,"
                + " train); a track may be listed once, in one split (its id is its path without the extension)",
                problem(table, null));

        table = write("songs.csv", "path,rock\nc0.wav,1\nc1.wav,0\nc0.flac,1\n");
        SplitFiles files = new SplitFiles(write("train.txt", "c0.wav\n"), write("valid.txt", "c1.wav\n"),
                write("test.txt", "c0.flac\n"));
        assertEquals(table + ": line 4: track c0 (path c0.flac, test) is already listed at line 2 (path c0.wav, train);"
                + " a track may be listed once, in one split (its id is its path without the extension)",
                problem(table, files));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(temp.resolve(name), text);
    }

    private static String problem(Path table, SplitFiles files) {
        return assertThrows(DatasetException.class,
                () -> CsvDataset.read(new CsvDataConfig("csv", null, 3, table, files))).getMessage();
    }
}
