package org.tagbench.data.readers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.config.ClassFoldersDataConfig;
import org.tagbench.config.SplitFiles;
import org.tagbench.data.DatasetException;
import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;

/** A folder per class (GTZAN's layout): classes from the folder names, one per track, splits from the split files. */
class ClassFoldersTest {

    @Test
    void eachFolderIsAClassAndTheSplitFilesPickTheTracks(@TempDir Path dir) throws Exception {
        Path root = gtzanLike(dir);
        TrackIndex index = ClassFolders.read(config(root, dir, "blues/blues.00000.wav\njazz/jazz.00001.wav",
                "blues/blues.00001.wav", "jazz/jazz.00000.wav\n"));
        assertEquals(List.of("blues", "jazz"), index.vocabulary().tags());
        assertEquals(List.of("blues/blues.00000", "blues/blues.00001", "jazz/jazz.00000", "jazz/jazz.00001"),
                index.tracks().stream().map(Track::id).toList());
        assertEquals(List.of(Split.TRAIN, Split.VALID, Split.TEST, Split.TRAIN),
                index.tracks().stream().map(Track::split).toList());
        assertArrayEquals(new boolean[] {false, true}, index.tracks().get(2).labels());
        assertEquals(root.resolve("jazz/jazz.00000.wav"), index.tracks().get(2).audio());
    }

    @Test
    void aListedFileTheFoldersLackIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path root = gtzanLike(dir);
        DatasetException e = assertThrows(DatasetException.class, () -> ClassFolders.read(config(root, dir,
                "rock/rock.00000.wav", "blues/blues.00001.wav", "jazz/jazz.00000.wav")));
        assertEquals(root + ": has no file rock/rock.00000.wav, which a split file lists (expected <class>/<file>"
                + " paths relative to the root)", e.getMessage());
    }

    /** Two classes of two files each (their contents do not matter to the reader), and a hidden file. */
    private static Path gtzanLike(Path dir) throws Exception {
        Path root = dir.resolve("genres");
        for (String genre : List.of("jazz", "blues")) {
            Files.createDirectories(root.resolve(genre));
            for (int i = 0; i < 2; i++) {
                Files.writeString(root.resolve(genre).resolve(String.format("%s.%05d.wav", genre, i)), "");
            }
        }
        Files.writeString(root.resolve("blues/.DS_Store"), "");
        return root;
    }

    private static ClassFoldersDataConfig config(Path root, Path dir, String train, String valid, String test)
            throws Exception {
        return new ClassFoldersDataConfig("folders", root, 3, new SplitFiles(Files.writeString(
                dir.resolve("train.txt"), train), Files.writeString(dir.resolve("valid.txt"), valid),
                Files.writeString(dir.resolve("test.txt"), test)));
    }
}
