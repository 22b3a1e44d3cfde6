package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tagbench.data.DatasetFingerprint;
import org.tagbench.data.Split;
import org.tagbench.data.synthetic.SyntheticDataset;
import org.tagbench.data.synthetic.SyntheticSpec;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;

/**
 * {@code data check} and {@code data cache} on a small generated set with one train file deleted and one valid
 * file replaced by text: counts, durations, positives per tag (recounted here from the index), the bad-file
 * list, the JSON shape and the exit codes.
 */
class DataCommandTest {
    private static final SyntheticSpec SPEC = new SyntheticSpec(10, 1.0, 8000, 3);

    @TempDir
    Path dir;

    private TrackIndex index;
    private Track deleted;
    private Track corrupted;
    private Path config;

    @BeforeEach
    void damagedDataset() throws IOException {
        index = SyntheticDataset.ensure(dir.resolve("data"), SPEC);
        deleted = index.split(Split.TRAIN).get(1);
        corrupted = index.split(Split.VALID).get(0);
        Files.delete(deleted.audio());
        Files.writeString(corrupted.audio(), "not a wav file");
        config = dir.resolve("tiny.yaml");
        Files.writeString(config, String.join("\n",
                "data: {dataset: synthetic, root: " + dir.resolve("data") + ", clips: 10, clip_seconds: 1,"
                        + " chunk_seconds: 0.5, seed: 3}",
                "features: {sample_rate: 8000, n_fft: 256, hop_length: 128, n_mels: 40}",
                "model: {arch: k2c2}",
                "pipeline: {cache_dir: " + dir.resolve("pcm") + "}",
                "results: {dir: " + dir.resolve("results") + "}"));
    }

    @Test
    void checkReportsEachSplitAsJson() throws IOException {
        CommandRun run = CommandRun.of("data", "check", config.toString(), "--json");

        assertEquals(0, run.code(), run.err());
        JsonNode splits = new ObjectMapper().readTree(run.out()).get("splits");
        assertSplit(splits.get("train"), 6, 5, 1, 0);
        assertSplit(splits.get("valid"), 2, 2, 0, 1);
        assertSplit(splits.get("test"), 2, 2, 0, 0);
        for (Split split : Split.values()) {
            JsonNode report = splits.get(split.label());
            List<Track> usable = index.split(split).stream()
                    .filter(t -> !t.equals(deleted) && !t.equals(corrupted)).toList();
            List<String> without = new ArrayList<>();
            for (int j = 0; j < index.vocabulary().size(); j++) {
                int tag = j;
                long positives = usable.stream().filter(t -> t.hasTag(tag)).count();
                assertEquals(positives, report.get("positives").get(index.vocabulary().tag(j)).asLong());
                if (positives == 0) {
                    without.add(index.vocabulary().tag(j));
                }
            }
            assertEquals(without, textList(report.get("tags_without_positives")), split.label());
            assertEquals(1.0, report.get("durations").get("min").asDouble(), 1e-9);
            assertEquals(1.0, report.get("durations").get("max").asDouble(), 1e-9);
        }
    }

    @Test
    void checkWithHashGivesTheSizeAndTimeAndTheContentFingerprints() throws IOException {
        CommandRun json = CommandRun.of("data", "check", config.toString(), "--json", "--hash");
        CommandRun text = CommandRun.of("data", "check", config.toString(), "--hash");

        assertEquals(0, json.code(), json.err());
        JsonNode fingerprints = new ObjectMapper().readTree(json.out()).get("fingerprints");
        assertEquals(2, fingerprints.size(), fingerprints.toString());
        DatasetFingerprint stat = DatasetFingerprint.bySizeAndTime(index);
        DatasetFingerprint content = DatasetFingerprint.byContent(index);
        assertFingerprint(stat, fingerprints.get(0));
        assertFingerprint(content, fingerprints.get(1));
        assertTrue(text.out().contains("fingerprint sha256  dataset " + content.dataset() + "  train "
                + content.splits().get("train") + "  valid " + content.splits().get("valid") + "  test "
                + content.splits().get("test") + "\n"), text.out());
        CommandRun plain = CommandRun.of("data", "check", config.toString(), "--json");
        assertEquals(1, new ObjectMapper().readTree(plain.out()).get("fingerprints").size(), "no content hash unasked");
    }

    @Test
    void checkListsTheBadFilesBesideItsReport() throws IOException {
        Path out = dir.resolve("check");
        CommandRun run = CommandRun.of("data", "check", config.toString(), "--out", out.toString());

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("2 missing or unreadable tracks, listed in " + out.resolve("bad-files.tsv")),
                run.out());
        List<String> lines = Files.readAllLines(out.resolve("bad-files.tsv"));
        assertEquals("split\tid\tpath\tkind\tproblem", lines.get(0));
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("train\t" + deleted.id() + "\t" + deleted.audio() + "\tmissing\t"),
                lines.get(1));
        assertTrue(lines.get(2).startsWith("valid\t" + corrupted.id() + "\t" + corrupted.audio()
                + "\tunreadable\t" + corrupted.audio() + ": "), lines.get(2));
        assertTrue(Files.isRegularFile(out.resolve("report.json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "cache"})
    void strictFindingsHaveAnExitCodeOfTheirOwnThatHelpLists(String command) {
        CommandRun strict = CommandRun.of("data", command, config.toString(), "--strict", "--json");
        CommandRun help = CommandRun.of("data", command, "--help");

        assertEquals(3, strict.code());
        assertEquals("tagbench: --strict: 2 missing or unreadable tracks, listed in "
                + dir.resolve("results/data-check/tiny/bad-files.tsv"), strict.err().lines().reduce((a, b) -> b)
                .orElseThrow());
        assertTrue(help.out().contains("Exit codes:"), help.out());
        assertTrue(help.out().contains("  3   --strict and a track is missing or unreadable"), help.out());
    }

    @Test
    void cacheStoresEveryUsableTrackOnce() throws IOException {
        CommandRun first = CommandRun.of("data", "cache", config.toString(), "--json");
        CommandRun second = CommandRun.of("data", "cache", config.toString(), "--json");

        assertEquals(0, first.code(), first.err());
        assertEquals(first.out(), second.out());
        try (Stream<Path> files = Files.walk(dir.resolve("pcm"))) {
            assertEquals(8, files.filter(p -> p.toString().endsWith(".pcm")).count());
        }
    }

    /** The generated 8 kHz files, read as a csv dataset at 12 kHz: both commands resample, and say so once. */
    @ParameterizedTest
    @ValueSource(strings = {"check", "cache"})
    void audioAtAnotherRateIsSaidOnceToBeResampled(String command) throws IOException {
        StringBuilder table = new StringBuilder("path,tags,split\n");
        for (Split split : Split.values()) {
            for (Track track : index.split(split)) {
                if (!track.equals(deleted) && !track.equals(corrupted)) {
                    table.append(dir.relativize(track.audio())).append(",piano,").append(split.label()).append('\n');
                }
            }
        }
        Path csv = Files.writeString(dir.resolve("tags.csv"), table);

        CommandRun run = CommandRun.of("data", command, config.toString(), "--json", "--set", "data={dataset: csv,"
                + " table: " + csv + ", chunk_seconds: 0.5}", "--set", "features.sample_rate=12000");

        assertEquals(0, run.code(), run.err());
        List<String> notes = run.err().lines().filter(line -> line.contains("resampled")).toList();
        assertEquals(1, notes.size(), run.err());
        assertTrue(notes.get(0).matches("this config eats audio at 12000 Hz, but \\S+\\.wav is at 8000 Hz: it and every"
                + " other file at 8000 Hz are resampled to 12000 Hz"), notes.get(0));
    }

    private static void assertSplit(JsonNode split, int tracks, int found, int missing, int unreadable) {
        assertEquals(tracks, split.get("tracks").asInt(), split.toString());
        assertEquals(found, split.get("found").asInt(), split.toString());
        assertEquals(missing, split.get("missing").asInt(), split.toString());
        assertEquals(unreadable, split.get("unreadable").asInt(), split.toString());
    }

    private static void assertFingerprint(DatasetFingerprint expected, JsonNode printed) {
        assertEquals(expected.method(), printed.get("method").asText());
        assertEquals(expected.dataset(), printed.get("dataset").asText());
        for (Split split : Split.values()) {
            assertEquals(expected.splits().get(split.label()), printed.get("splits").get(split.label()).asText());
        }
    }

    private static List<String> textList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aReportFolderThatCannotBeMadeIsAOneLineError() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "a file, not a folder");

        CommandRun run = CommandRun.of("data", "check", config.toString(), "--out", file.resolve("report").toString());

        assertEquals(1, run.code());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("tagbench: cannot use a file: " + file), run.err());
    }
}
