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
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.razorvine.pickle.Pickler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.config.MsdChoiDataConfig;
import org.tagbench.config.MsdLayout;
import org.tagbench.config.MsdLeeDataConfig;

class MsdLeeTest {
    private static final Path AUDIO = Path.of("/audio/msd");
    private static final List<String> FIXTURE_IDS = List.of("TRFIXTURE000000000", "TRFIXTURE000000001",
            "TRFIXTURE000000002", "TRFIXTURE000000003", "TRFIXTURE000000004");

    @TempDir
    Path temp;

    @Test
    void thePublishedTestListIsPartOfChoisTestSplitAndTakesItsLabels() throws IOException {
        Path choi = SharedSplits.choiWithTrainLabels(temp.resolve("choi"));
        // Lee's train list is not shared: stand in the first 1,000 of Choi's valid ids, 900 of them train.
        List<String> validIds = Files.readAllLines(choi.resolve("valid_x_msd_id.txt")).subList(0, 1000);
        Path lee = leeFolder(validIds, null);
        TrackIndex index = MsdLee.read(new MsdLeeDataConfig("msd-lee", AUDIO, 3, lee, choi, null,
                MsdLayout.SEVEN_DIGITAL, 900));

        JsonNode golden = SharedSplits.golden("msd_lee.test");
        List<Track> test = index.split(Split.TEST);
        assertEquals(28_435, test.size());
        assertEquals(golden.get("tracks").asInt(), test.size());
        assertEquals(golden.get("first").asText(), test.get(0).id());
        assertArrayEquals(SharedSplits.longs(golden.get("positives_per_tag")),
                SharedSplits.positives(index, Split.TEST));
        assertEquals(validIds.subList(0, 900), index.split(Split.TRAIN).stream().map(Track::id).toList());
        assertEquals(validIds.subList(900, 1000), index.split(Split.VALID).stream().map(Track::id).toList());

        Map<String, Track> choiTracks = MsdChoi.read(new MsdChoiDataConfig("msd-choi", AUDIO, 3, choi,
                MsdLayout.SEVEN_DIGITAL, null)).tracks().stream()
                .collect(Collectors.toMap(Track::id, Function.identity()));
        for (Track track : index.tracks()) {
            Track same = choiTracks.get(track.id());
            assertEquals(track.split() == Split.TEST ? Split.TEST : Split.VALID, same.split(), track.id());
            assertEquals(same.audio(), track.audio());
            assertArrayEquals(same.labels(), track.labels(), track.id());
        }
    }

    @Test
    void tagVectorsGiveTheLabelsAndTheMsdLayoutTheAudio() throws IOException {
        Path lee = leeFolder(FIXTURE_IDS.subList(0, 4), FIXTURE_IDS.subList(4, 5));
        for (String fixture : List.of("tag_vectors_p0.cP", "tag_vectors_p2.cP", "tag_vectors_py2.cP")) {
            TrackIndex index = MsdLee.read(new MsdLeeDataConfig("msd-lee", AUDIO, 3, lee, null,
                    SharedSplits.resource(fixture), MsdLayout.MSD_ID, 3));
            assertEquals(List.of(Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.VALID, Split.TEST),
                    index.tracks().stream().map(Track::split).toList());
            assertEquals(FIXTURE_IDS, index.tracks().stream().map(Track::id).toList());
            for (int i = 0; i < 5; i++) {
                boolean[] expected = new boolean[50];
                expected[i] = true;
                expected[49 - i] = true;
                assertArrayEquals(expected, index.tracks().get(i).labels(), fixture + " " + i);
            }
            assertEquals(AUDIO.resolve("F/I/X/TRFIXTURE000000002.mp3"), index.tracks().get(2).audio());
        }
    }

    @Test
    void listsThatDoNotFitAreReported() throws IOException {
        Path vectors = SharedSplits.resource("tag_vectors_p2.cP");
        Path lee = leeFolder(FIXTURE_IDS.subList(0, 4), FIXTURE_IDS.subList(4, 5));
        Path train = lee.resolve("filtered_list_train.cP");
        assertEquals(train + ": has 4 ids, expected more than train_size = 201680 (the first train_size are"
                + " train, the rest valid)", problem(lee, vectors, 201_680));

        pickle(train, List.of("TRFIXTURE000000000", "TRFIXTURE000000004"));
        assertEquals(lee.resolve("filtered_list_test.cP") + ": item 1: track TRFIXTURE000000004 (test) is already"
                + " listed at " + train + ": item 2 (valid); a track may be listed once, in one split",
                problem(lee, vectors, 1));
        pickle(train, List.of("TRFIXTURE000000000", "TRFIXTURE000000001", "TRFIXTURE000000000"));
        assertEquals(train + ": item 3: track TRFIXTURE000000000 (valid) is already listed at item 1 (train); a"
                + " track may be listed once, in one split", problem(lee, vectors, 1));
        pickle(train, List.of("TRFIXTURE000000000", 7));
        assertEquals(train + ": item 1 is not a string (expected a list of MSD track ids)", problem(lee, vectors, 1));
        pickle(train, Map.of("a", "b"));
        assertEquals(train + ": does not hold a list (expected a pickled list of MSD track ids)",
                problem(lee, vectors, 1));
        Files.writeString(train, "TRFIXTURE000000000\n");
        String message = problem(lee, vectors, 1);
        assertEquals(train + ": not a readable pickle (", message.substring(0, message.indexOf('(') + 1));
        Files.delete(train);
        assertEquals(train + ": cannot read a pickled list of MSD track ids (no such file)",
                problem(lee, vectors, 1));

        pickle(train, FIXTURE_IDS.subList(0, 4));
        Files.writeString(lee.resolve("50tagList.txt"), "rock\npop\njazz\n");
        message = problem(lee, vectors, 1);
        assertTrue(message.startsWith(vectors + ": the value of TRFIXTURE00000000"), message);
        assertTrue(message.endsWith(" is not a vector of 3 numbers"), message);
    }

    @Test
    void idsOutsideChoisListsAndAnotherTagListAreReported() throws IOException {
        Path choi = temp.resolve("choi");
        Files.createDirectories(choi);
        List<String> splits = List.of("train", "valid", "test");
        for (int i = 0; i < 3; i++) {
            Files.writeString(choi.resolve(splits.get(i) + "_x_msd_id.txt"), "TRFIXTURE00000000" + (i + 5) + "\n");
        }
        Path lee = leeFolder(FIXTURE_IDS.subList(0, 2), FIXTURE_IDS.subList(4, 5));
        MsdLeeDataConfig fromChoi = new MsdLeeDataConfig("msd-lee", AUDIO, 3, lee, choi, null, MsdLayout.MSD_ID, 1);
        assertEquals(lee.resolve("filtered_list_train.cP") + ": track TRFIXTURE000000000 is not in Choi's lists in "
                + choi, assertThrows(DatasetException.class, () -> MsdLee.read(fromChoi)).getMessage());

        Files.writeString(lee.resolve("50tagList.txt"), "rock\npop\n");
        assertEquals(lee.resolve("50tagList.txt") + ": does not list Choi's 50 tags in the order of Choi's label"
                + " files, so the labels cannot come from choi_dir (set tag_vectors)",
                assertThrows(DatasetException.class, () -> MsdLee.read(fromChoi)).getMessage());
    }

    /** A split folder with the shared tag list, a pickled train list and the given or else the shared test list. */
    private Path leeFolder(List<String> trainList, List<String> testList) throws IOException {
        Path lee = temp.resolve("lee");
        SharedSplits.copy(SharedSplits.folder("msd-lee"), lee, testList == null
                ? List.of("50tagList.txt", "filtered_list_test.cP") : List.of("50tagList.txt"));
        pickle(lee.resolve("filtered_list_train.cP"), trainList);
        if (testList != null) {
            pickle(lee.resolve("filtered_list_test.cP"), testList);
        }
        return lee;
    }

    private static void pickle(Path file, Object value) throws IOException {
        Files.write(file, new Pickler().dumps(value));
    }

    private static String problem(Path lee, Path vectors, int trainSize) {
        MsdLeeDataConfig config = new MsdLeeDataConfig("msd-lee", AUDIO, 3, lee, null, vectors, MsdLayout.MSD_ID,
                trainSize);
        return assertThrows(DatasetException.class, () -> MsdLee.read(config)).getMessage();
    }
}
