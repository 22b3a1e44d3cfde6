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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.tagbench.config.MtatDataConfig;
import org.tagbench.config.MtatSplit;
import org.tagbench.config.SplitFiles;

class MagnaTagATuneTest {
    private static final Path AUDIO = Path.of("/audio/mtat");

    @TempDir
    Path temp;

    @Test
    void theFolderSplitWithTheMostFrequentTags() {
        TrackIndex index = MagnaTagATune.read(config(fixture(), MtatSplit.FOLDERS, null, 3, null));
        // guitar and slow have 4 clips each, classical and female 2: ties go to the earlier column.
        assertEquals(List.of("guitar", "slow", "classical"), index.vocabulary().tags());
        assertEquals(List.of("6", "10", "14"), ids(index, Split.TRAIN));
        assertEquals(List.of("19"), ids(index, Split.VALID));
        assertEquals(List.of("2", "21"), ids(index, Split.TEST));
        Track ten = index.split(Split.TRAIN).get(1);
        assertArrayEquals(new boolean[] {false, true, true}, ten.labels());
        assertEquals(AUDIO.resolve("3/c-3-0-29.mp3"), ten.audio());
    }

    @Test
    void moreTopTagsThanColumnsGivesEveryTagAndATagListIsKeptInItsOrder() {
        assertEquals(List.of("guitar", "slow", "classical", "female", "no vocals"),
                MagnaTagATune.read(config(fixture(), MtatSplit.FOLDERS, null, 50, null)).vocabulary().tags());
        TrackIndex named = MagnaTagATune.read(config(fixture(), MtatSplit.FOLDERS, null, 50,
                List.of("female", "no vocals")));
        assertEquals(List.of("female", "no vocals"), named.vocabulary().tags());
        assertArrayEquals(new boolean[] {false, true}, named.split(Split.TRAIN).get(2).labels());
    }

    @Test
    void clipIdFilesPickTheirClipsInListOrder() throws IOException {
        SplitFiles files = new SplitFiles(write("train.txt", "14\n6\n"), write("valid.txt", "19\n"),
                write("test.txt", "21\n"));
        TrackIndex index = MagnaTagATune.read(config(fixture(), MtatSplit.CLIP_IDS, files, 50, null));
        assertEquals(List.of("14", "6"), ids(index, Split.TRAIN));
        assertEquals(List.of("21"), ids(index, Split.TEST));
        assertEquals(4, index.tracks().size());

        Files.writeString(files.test(), "21\n99\n");
        assertEquals(files.test() + ": item 2, 99, is not a clip of " + fixture(),
                problem(config(fixture(), MtatSplit.CLIP_IDS, files, 50, null)));
        Files.writeString(files.test(), "6\n");
        assertEquals(files.test() + ": item 1, 6, is already listed at " + files.train() + ": item 2",
                problem(config(fixture(), MtatSplit.CLIP_IDS, files, 50, null)));
    }

    @Test
    void theCleanedSplitsPublishedListsAndLabels() throws IOException {
        Path lee = SharedSplits.folder("mtat-lee");
        Path musicnn = SharedSplits.folder("mtat-musicnn");
        // annotations_final.csv is not shared: rebuild its clip ids, paths and the 50 tags' columns from musicnn's
        // index and ground truth (valid and test clips; train clips get no tag).
        List<String> tags = quoted(Files.readString(musicnn.resolve("output_labels_mtt.txt")));
        Map<String, String> truth = new HashMap<>();
        for (String name : List.of("val_gt_mtt.tsv", "test_gt_mtt.tsv")) {
            for (String line : Files.readAllLines(musicnn.resolve(name))) {
                String[] fields = line.split("\t");
                truth.put(fields[0], Arrays.stream(fields[1].replaceAll("[\\[\\] ]", "").split(","))
                        .map(v -> "\"" + (int) Double.parseDouble(v) + "\"").collect(Collectors.joining("\t")));
            }
        }
        String zeros = tags.stream().map(t -> "\"0\"").collect(Collectors.joining("\t"));
        List<String> rows = new ArrayList<>(List.of(Stream.concat(Stream.of("clip_id"), Stream.concat(tags.stream(),
                Stream.of("mp3_path"))).map(t -> "\"" + t + "\"").collect(Collectors.joining("\t"))));
        for (String line : Files.readAllLines(musicnn.resolve("index_mtt.tsv"))) {
            String[] fields = line.split("\t");
            rows.add("\"" + fields[0] + "\"\t" + truth.getOrDefault(fields[0], zeros) + "\t\"" + fields[1] + "\"");
        }
        Path annotations = Files.write(temp.resolve("annotations_final.csv"), rows);
        // Lee's tag names drop the spaces of the annotation columns (noVocals for "no vocals").
        List<String> leeOrder = Files.readAllLines(lee.resolve("top50_tags.txt")).stream()
                .map(name -> tags.stream().filter(t -> t.replace(" ", "").equalsIgnoreCase(name)).findFirst()
                        .orElseThrow()).toList();

        TrackIndex index = MagnaTagATune.read(config(annotations, MtatSplit.CLEANED, new SplitFiles(
                lee.resolve("train_list_pub.cP"), lee.resolve("valid_list_pub.cP"), lee.resolve("test_list_pub.cP")),
                50, leeOrder));

        assertEquals(List.of(15_244, 1_529, 4_332), Arrays.stream(Split.values()).map(s -> index.split(s).size())
                .toList());
        Track first = index.split(Split.VALID).get(0);
        assertEquals(AUDIO.resolve("c/atomic_opera-alpha_and_oranges-01-rain_parade-117-146.mp3"), first.audio());
        for (Split split : List.of(Split.VALID, Split.TEST)) {
            float[][] published = Nd4j.createFromNpyFile(lee.resolve("y_" + split.label() + "_pub.npy").toFile())
                    .castTo(DataType.FLOAT).toFloatMatrix();
            List<Track> tracks = index.split(split);
            for (int i = 0; i < tracks.size(); i++) {
                boolean[] expected = new boolean[50];
                for (int t = 0; t < 50; t++) {
                    expected[t] = published[i][t] == 1;
                }
                assertArrayEquals(expected, tracks.get(i).labels(), split.label() + " row " + i);
            }
        }
    }

    @Test
    void badAnnotationsAreReportedWithFileAndLine() throws IOException {
        String header = "\"clip_id\"\t\"guitar\"\t\"slow\"\t\"mp3_path\"\n";
        assertEquals("line 2: has 3 fields, expected 4 as in the header",
                annotationProblem(header + "\"2\"\t\"1\"\t\"f/a.mp3\"\n"));
        assertEquals("line 3: tag column 3 holds \"yes\", expected 0 or 1",
                annotationProblem(header + "\"2\"\t\"1\"\t\"0\"\t\"f/a.mp3\"\n\"3\"\t\"1\"\t\"yes\"\t\"f/b.mp3\"\n"));
        assertEquals("line 2: empty mp3_path", annotationProblem(header + "\"2\"\t\"1\"\t\"0\"\t\"\"\n"));
        assertEquals("line 2: mp3_path g/a.mp3 is not in a folder 0-9 or a-f, so the folder split cannot place it",
                annotationProblem(header + "\"2\"\t\"1\"\t\"0\"\t\"g/a.mp3\"\n"));
        assertEquals("line 1: the header must be clip_id, the tag columns, mp3_path (separated by tabs)",
                annotationProblem(header.replace("clip_id", "id") + "\"2\"\t\"1\"\t\"0\"\t\"f/a.mp3\"\n"));
        assertEquals("line 1: not a valid tab-separated annotation file: Unexpected character (',' (code 44)):"
                + " Expected column separator character ((CTRL-CHAR, code 9)) or end-of-line",
                annotationProblem("\"clip_id\",\"guitar\"\n"));
        assertEquals("is empty (expected a header clip_id, tags..., mp3_path)", annotationProblem(""));
        assertEquals("line 3: track 2 (test) is already listed at line 2 (train); a track may be listed once, in one"
                + " split", annotationProblem(header + "\"2\"\t\"1\"\t\"0\"\t\"0/a.mp3\"\n"
                        + "\"2\"\t\"1\"\t\"0\"\t\"f/a.mp3\"\n"));
        assertEquals("line 3: track 2 (train) is already listed at line 2 (train); a track may be listed once, in one"
                + " split", annotationProblem(header + "\"2\"\t\"1\"\t\"0\"\t\"0/a.mp3\"\n"
                        + "\"2\"\t\"1\"\t\"0\"\t\"1/b.mp3\"\n"));
        Path annotations = fixture();
        assertEquals(annotations + ": line 1: has no tag column \"drums\" (named in data.tags)",
                problem(config(annotations, MtatSplit.FOLDERS, null, 50, List.of("guitar", "drums"))));
        Path absent = temp.resolve("absent.csv");
        assertEquals(absent + ": cannot read the MagnaTagATune annotations (no such file)",
                problem(config(absent, MtatSplit.FOLDERS, null, 50, null)));
    }

    @Test
    void cleanedListsNamingUnknownClipsAreReported() throws IOException {
        Path lee = SharedSplits.folder("mtat-lee");
        Path list = lee.resolve("valid_list_pub.cP");
        SplitFiles files = new SplitFiles(list, list, list);
        assertEquals(list + ": item 1, c/atomic_opera-alpha_and_oranges-01-rain_parade-117-146.mp3, is not a clip of "
                + fixture(), problem(config(fixture(), MtatSplit.CLEANED, files, 50, null)));
    }

    private static MtatDataConfig config(Path annotations, MtatSplit split, SplitFiles files, int topTags,
                                         List<String> tags) {
        return new MtatDataConfig("mtat", AUDIO, 3, annotations, split, files, topTags, tags);
    }

    private static Path fixture() {
        return SharedSplits.resource("mtat_annotations.csv");
    }

    private static List<String> ids(TrackIndex index, Split split) {
        return index.split(split).stream().map(Track::id).toList();
    }

    /** The strings in single quotes of a Python list literal. */
    private static List<String> quoted(String text) {
        List<String> strings = new ArrayList<>();
        Matcher matcher = Pattern.compile("'([^']*)'").matcher(text);
        while (matcher.find()) {
            strings.add(matcher.group(1));
        }
        return strings;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(temp.resolve(name), text);
    }

    /** The problem with annotation file {@code text} under the folder split, less the file name. */
    private String annotationProblem(String text) throws IOException {
        Path file = write("annotations_final.csv", text);
        return problem(config(file, MtatSplit.FOLDERS, null, 50, null)).substring((file + ": ").length());
    }

    private static String problem(MtatDataConfig config) {
        return assertThrows(DatasetException.class, () -> MagnaTagATune.read(config)).getMessage();
    }
}
