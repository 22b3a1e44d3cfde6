package org.tagbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The end-of-run note on skipped tracks: counts per split, the first ten named, the rest counted and pointed to. */
class SkippedTracksTest {
    private static final Path RECORD = Path.of("results/r1/run.json");

    @Test
    void nothingSkippedSaysNothing() {
        assertEquals(List.of(), new SkippedTracks().summary(10, RECORD));
    }

    @Test
    void fewTracksAreAllNamedSplitBySplit() {
        SkippedTracks skipped = new SkippedTracks();
        skipped.add(track("t9", Split.TEST), "/a/t9.mp3: file not found");
        skipped.add(track("b", Split.TRAIN), "/a/b.mp3: no audio stream");
        skipped.add(track("a", Split.TRAIN), "/a/a.mp3: file not found");

        assertEquals(List.of(
                "skipped 3 missing or unreadable tracks (train 2, test 1):",
                "  train  /a/a.mp3: file not found",
                "  train  /a/b.mp3: no audio stream",
                "  test  /a/t9.mp3: file not found"), skipped.summary(10, RECORD));
    }

    @Test
    void pastTheLimitTheRestIsCountedAndPointedTo() {
        SkippedTracks skipped = new SkippedTracks();
        for (int i = 0; i < 9; i++) {
            skipped.add(track("tr" + i, Split.TRAIN), "/a/tr" + i + ".wav: file not found");
        }
        for (int i = 0; i < 3; i++) {
            skipped.add(track("va" + i, Split.VALID), "/a/va" + i + ".wav: file not found");
        }

        List<String> expected = new ArrayList<>();
        expected.add("skipped 12 missing or unreadable tracks (train 9, valid 3):");
        for (int i = 0; i < 9; i++) {
            expected.add("  train  /a/tr" + i + ".wav: file not found");
        }
        expected.add("  valid  /a/va0.wav: file not found");
        expected.add("  and 2 more, listed in results/r1/run.json");
        assertEquals(expected, skipped.summary(10, RECORD));
    }

    private static Track track(String id, Split split) {
        return new Track(id, Path.of("/a", id), new boolean[] {true}, split);
    }
}
