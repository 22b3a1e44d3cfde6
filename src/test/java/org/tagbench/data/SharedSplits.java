package org.tagbench.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** The published split files in {@code ../shared/splits}, their golden counts, and test fixtures beside them. */
final class SharedSplits {
    private static final Path ROOT = Path.of("..", "shared", "splits");

    private SharedSplits() {
    }

    /** The folder {@code name} of the shared splits; the calling test is skipped when the shared folder is absent. */
    static Path folder(String name) {
        Assumptions.assumeTrue(Files.isDirectory(ROOT), "../shared/splits is absent: the published split files"
                + " are not on this machine");
        return ROOT.resolve(name);
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

    /** Links each of {@code names} in {@code from} into {@code to}, so a test can add or leave out files. */
    static void link(Path from, Path to, List<String> names) throws IOException {
        Files.createDirectories(to);
        for (String name : names) {
            Files.createSymbolicLink(to.resolve(name), from.resolve(name).toAbsolutePath());
        }
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
