package org.tagbench.data.readers;

import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The published split files in {@code ../shared/splits}, their golden counts, and test fixtures beside them. */
public final class SharedSplits {
    private static final Path ROOT = Path.of("..", "shared", "splits");

    private SharedSplits() {
    }

    /**
     * The folder {@code name} of the shared splits. When the shared folder is absent the calling test is skipped
     * with the reason, or fails when the environment variable {@code CI} is set: CI always has the split files.
     */
    public static Path folder(String name) {
        requireFolder(ROOT, System.getenv("CI"), System.err);
        return ROOT.resolve(name);
    }

    /**
     * Returns if {@code folder} is a directory; otherwise fails the calling test when {@code ci} (the value of
     * {@code CI}) is set, as CI services set it (anything but empty, {@code false} or {@code 0}), and else skips it,
     * printing why to {@code log} (the test run's output does not show a skip's reason). The reason names the folder.
     */
    static void requireFolder(Path folder, String ci, PrintStream log) {
        if (Files.isDirectory(folder)) {
            return;
        }
        String missing = folder.toAbsolutePath().normalize() + " is absent: the published split files are not on"
                + " this machine";
        if (ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false") && !ci.equals("0")) {
            Assertions.fail(missing + ", and CI (set to " + ci + ") must have them");
        }
        log.println("skipped: " + missing);
        Assumptions.abort(missing);
    }

    /** Entry {@code key} (e.g. {@code msd_choi.valid}) of the golden file written by scripts/splits_golden.py. */
    static JsonNode golden(String key) {
        try (InputStream in = SharedSplits.class.getResourceAsStream("/data/splits-golden.json")) {
            return new ObjectMapper().readTree(in).get(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture from src/test/resources/data. */
    static Path resource(String name) {
        try {
            return Path.of(SharedSplits.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Copies each of {@code names} in {@code from} into {@code to}, so a test can add, leave out or change files.
     * Copies, not links: a test that rewrites a file must never write through to the shared original.
     */
    static void copy(Path from, Path to, List<String> names) throws IOException {
        Files.createDirectories(to);
        for (String name : names) {
            Files.copy(from.resolve(name), to.resolve(name));
        }
    }

    /** Shared Choi lists and labels plus made-up train labels (track i has tag i % 50); the real ones are absent. */
    static Path choiWithTrainLabels(Path folder) throws IOException {
        Path shared = folder("msd-choi");
        for (String split : List.of("train", "valid", "test")) {
            copy(shared, folder, Stream.of("x_msd_id.txt", "x_7d_id.txt", "x_filename.txt")
                    .map(list -> split + "_" + list).toList());
        }
        copy(shared, folder, List.of("valid_y.npy", "test_y.npy"));
        INDArray train = Nd4j.zeros(DataType.BOOL, 201_680, 50);
        for (int i = 0; i < 201_680; i++) {
            train.putScalar(i, i % 50, 1);
        }
        Nd4j.writeAsNumpy(train, folder.resolve("train_y.npy").toFile());
        return folder;
    }

    /** Per-tag positive counts of the tracks of {@code split}, in vocabulary order. */
    static long[] positives(TrackIndex index, Split split) {
        long[] counts = new long[index.vocabulary().size()];
        for (Track track : index.split(split)) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += track.hasTag(i) ? 1 : 0;
            }
        }
        return counts;
    }

    /** The numbers of a golden JSON array. */
    static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }
}
