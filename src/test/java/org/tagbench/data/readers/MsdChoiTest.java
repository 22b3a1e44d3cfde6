package org.tagbench.data.readers;

import org.tagbench.data.DatasetException;
import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tagbench.config.MsdChoiDataConfig;
import org.tagbench.config.MsdLayout;

class MsdChoiTest {
    private static final Path AUDIO = Path.of("/audio/msd");

    @TempDir
    Path temp;

    @Test
    void publishedListsGiveChoisCountsTagsAndLabels() throws IOException {
        Path choi = SharedSplits.choiWithTrainLabels(temp.resolve("choi"));
        TrackIndex index = MsdChoi.read(config(choi, MsdLayout.SEVEN_DIGITAL, null));

        // The tag order of the label files, as the later split's authors list it too.
        assertEquals(Files.readAllLines(SharedSplits.folder("msd-lee").resolve("50tagList.txt")),
                index.vocabulary().tags());
        for (Split split : Split.values()) {
            JsonNode golden = SharedSplits.golden("msd_choi." + split.label());
            List<Track> tracks = index.split(split);
            assertEquals(golden.get("tracks").asInt(), tracks.size(), split.label());
            assertEquals(golden.get("first").asText(), tracks.get(0).id());
            assertEquals(golden.get("last").asText(), tracks.get(tracks.size() - 1).id());
            if (split != Split.TRAIN) {
                assertArrayEquals(SharedSplits.longs(golden.get("positives_per_tag")),
                        SharedSplits.positives(index, split), split.label());
            }
        }
        assertEquals(List.of(201_680, 12_634, 28_540),
                List.of(index.split(Split.TRAIN).size(), index.split(Split.VALID).size(),
                        index.split(Split.TEST).size()));
        // The made-up train labels: track i has tag i % 50 only.
        Track train7 = index.split(Split.TRAIN).get(7);
        assertArrayEquals(tags(7), train7.labels());
        // The audio of a track is its 7digital preview, found from the parallel 7digital id list.
        String sevenDigital = Files.readAllLines(choi.resolve("test_x_7d_id.txt")).get(3).trim();
        assertEquals(AUDIO.resolve(sevenDigital.substring(0, 1)).resolve(sevenDigital.substring(1, 2))
                .resolve(sevenDigital + ".clip.mp3"), index.split(Split.TEST).get(3).audio());
    }

    @Test
    void theMsdIdLayoutUsesTheIdsThirdToFifthCharacters() throws IOException {
        Path choi = SharedSplits.choiWithTrainLabels(temp.resolve("choi"));
        Track first = MsdChoi.read(config(choi, MsdLayout.MSD_ID, null)).tracks().get(0);
        assertEquals("TRAAAAK128F9318786", first.id());
        assertEquals(AUDIO.resolve("A/A/A/TRAAAAK128F9318786.mp3"), first.audio());
    }

    @Test
    void withoutTrainLabelsTheMissingFileIsNamed() {
        Path shared = SharedSplits.folder("msd-choi");
        assertEquals(shared.resolve("train_y.npy") + ": cannot read a NumPy label matrix (no such file)",
                problem(config(shared, MsdLayout.SEVEN_DIGITAL, null)));
    }

    @Test
    void labelsMayComeFromATagVectorPickle() throws IOException {
        Path choi = temp.resolve("choi");
        writeLists(choi, "TRFIXTURE000000001", "TRFIXTURE000000003", "TRFIXTURE000000004");
        for (String fixture : List.of("tag_vectors_p0.cP", "tag_vectors_p2.cP", "tag_vectors_py2.cP")) {
            TrackIndex index = MsdChoi.read(config(choi, MsdLayout.MSD_ID, SharedSplits.resource(fixture)));
            assertEquals(List.of(Split.TRAIN, Split.VALID, Split.TEST),
                    index.tracks().stream().map(Track::split).toList());
            assertArrayEquals(tags(3, 46), index.tracks().get(1).labels(), fixture);
            assertArrayEquals(tags(4, 45), index.tracks().get(2).labels(), fixture);
        }
        Files.writeString(choi.resolve("test_x_msd_id.txt"), "TRNOTINTHEPICKLE00\n");
        Path vectors = SharedSplits.resource("tag_vectors_p2.cP");
        assertEquals(vectors + ": has no tag vector for track TRNOTINTHEPICKLE00",
                problem(config(choi, MsdLayout.MSD_ID, vectors)));
    }

    @Test
    void badListsAreReportedWithFileAndLine() throws IOException {
        Path choi = temp.resolve("choi");
        writeLists(choi, "TRFIXTURE000000001", "TRFIXTURE000000003", "TRFIXTURE000000004");
        Path vectors = SharedSplits.resource("tag_vectors_p0.cP");

        Files.writeString(choi.resolve("valid_x_filename.txt"), "1/2/12.mp3\n");
        assertEquals(choi.resolve("valid_x_filename.txt") + ": line 1: \"1/2/12.mp3\" is not a preview path"
                + " (expected d1/d2/<7digital id>.npy)", problem(config(choi, MsdLayout.SEVEN_DIGITAL, vectors)));
        Files.writeString(choi.resolve("valid_x_filename.txt"), "1/2/12.npy\n1/3/13.npy\n");
        assertEquals(choi.resolve("valid_x_filename.txt") + ": has 2 lines but " + choi.resolve("valid_x_msd_id.txt")
                + " has 1 (expected one for each)", problem(config(choi, MsdLayout.SEVEN_DIGITAL, vectors)));

        Files.writeString(choi.resolve("test_x_msd_id.txt"), "TRFIXTURE000000001\n");
        assertEquals(choi.resolve("test_x_msd_id.txt") + ": line 1: track TRFIXTURE000000001 (test) is already listed"
                + " at " + choi.resolve("train_x_msd_id.txt") + ": line 1 (train); a track may be listed once, in one"
                + " split", problem(config(choi, MsdLayout.MSD_ID, vectors)));
        Files.writeString(choi.resolve("test_x_msd_id.txt"), "\nTRFIXTURE000000004\n");
        assertEquals(choi.resolve("test_x_msd_id.txt") + ": line 1: empty line (expected an MSD track id, one a line)",
                problem(config(choi, MsdLayout.MSD_ID, vectors)));
        Files.writeString(choi.resolve("test_x_msd_id.txt"), "TRSHORT\n");
        assertEquals(choi.resolve("test_x_msd_id.txt") + ": line 1: \"TRSHORT\" is not an MSD track id (expected TR"
                + " and 16 more characters)", problem(config(choi, MsdLayout.MSD_ID, vectors)));
        Files.delete(choi.resolve("test_x_msd_id.txt"));
        assertEquals(choi.resolve("test_x_msd_id.txt") + ": cannot read an MSD track id (no such file)",
                problem(config(choi, MsdLayout.MSD_ID, vectors)));
    }

    @Test
    void labelFilesOfTheWrongShapeOrValuesAreReported() throws IOException {
        Path choi = temp.resolve("choi");
        writeLists(choi, "TRFIXTURE000000001", "TRFIXTURE000000003", "TRFIXTURE000000004");
        MsdChoiDataConfig config = config(choi, MsdLayout.MSD_ID, null);
        for (String split : List.of("train", "valid", "test")) {
            Nd4j.writeAsNumpy(Nd4j.zeros(DataType.BOOL, 1, 50), choi.resolve(split + "_y.npy").toFile());
        }
        assertEquals(3, MsdChoi.read(config).tracks().size());

        Nd4j.writeAsNumpy(Nd4j.zeros(DataType.BOOL, 2, 50), choi.resolve("valid_y.npy").toFile());
        assertEquals(choi.resolve("valid_y.npy") + ": has shape [2, 50], expected [1, 50] (tracks x tags)",
                problem(config));
        INDArray half = Nd4j.zeros(DataType.DOUBLE, 1, 50).putScalar(0, 7, 0.5);
        Nd4j.writeAsNumpy(half, choi.resolve("valid_y.npy").toFile());
        assertEquals(choi.resolve("valid_y.npy") + ": value 0.5 at row 0, column 7 is not 0 or 1", problem(config));
        Files.writeString(choi.resolve("valid_y.npy"), "not numpy");
        String message = problem(config);
        assertEquals(choi.resolve("valid_y.npy") + ": not a NumPy .npy file (",
                message.substring(0, message.indexOf('(') + 1));
    }

    private static MsdChoiDataConfig config(Path splitDir, MsdLayout layout, Path tagVectors) {
        return new MsdChoiDataConfig("msd-choi", AUDIO, 3, splitDir, layout, tagVectors);
    }

    /** Lists of one track per split, with preview paths; no label files. */
    private static void writeLists(Path folder, String train, String valid, String test) throws IOException {
        Files.createDirectories(folder);
        List<String> ids = List.of(train, valid, test);
        List<String> splits = List.of("train", "valid", "test");
        for (int i = 0; i < 3; i++) {
            Files.writeString(folder.resolve(splits.get(i) + "_x_msd_id.txt"), ids.get(i) + "\n");
            Files.writeString(folder.resolve(splits.get(i) + "_x_filename.txt"), "1/" + i + "/1" + i + ".npy\n");
        }
    }

    private static boolean[] tags(int... tags) {
        boolean[] labels = new boolean[50];
        for (int tag : tags) {
            labels[tag] = true;
        }
        return labels;
    }

    private static String problem(MsdChoiDataConfig config) {
        return assertThrows(DatasetException.class, () -> MsdChoi.read(config)).getMessage();
    }
}
