package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Parquet file's rows as read by hyparquet, a pure-JavaScript reader that shares no code with the Java writer
 * ({@code scripts/parquet/read_parquet.mjs}, its version pinned in that folder's package-lock.json; .ci/run installs
 * it). Without Node or the package the calling test is skipped, saying why, and fails under CI.
 */
final class HyparquetReader {
    private static final Path SCRIPT = Path.of("scripts", "parquet", "read_parquet.mjs");
    private static final Path MODULE = Path.of("scripts", "parquet", "node_modules", "hyparquet");

    private HyparquetReader() {
    }

    /** The rows of {@code file}, a JSON array of objects keyed by column. */
    static JsonNode rows(Path file) throws IOException, InterruptedException {
        if (!Files.isDirectory(MODULE)) {
            skip("no " + MODULE + " (npm ci --prefix scripts/parquet)");
        }
        Process node;
        try {
            node = new ProcessBuilder("node", SCRIPT.toString(), file.toString()).start();
        } catch (IOException e) {
            skip("node cannot be started (" + e.getMessage() + "; Debian: apt-get install nodejs npm)");
            throw e;
        }
        byte[] out = node.getInputStream().readAllBytes();
        String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, node.waitFor(2, TimeUnit.MINUTES), "hyparquet did not finish");
        assertEquals(0, node.exitValue(), "hyparquet refused " + file + ": " + err);
        return new ObjectMapper().readTree(out);
    }

    private static void skip(String reason) {
        assertNull(System.getenv("CI"), "CI is set: " + reason);
        System.out.println("skipped: " + reason);
        Assumptions.abort(reason);
    }
}
