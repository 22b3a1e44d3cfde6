package org.tagbench.experiment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small experiments for end-to-end tests: a generated dataset of 1 s clips under {@code dir/data}, 0.5 s chunks at
 * 8 kHz with 40 mel bands, a 5k-parameter k2c2, results under {@code dir/results}; further lines add top-level
 * sections or replace these.
 */
public final class TinyRun {
    private TinyRun() {
    }

    /** Writes {@code dir/<name>.yaml} for {@code clips} clips generated from {@code dataSeed}, with {@code lines}. */
    public static Path config(Path dir, String name, int clips, long dataSeed, String... lines) throws IOException {
        Map<String, String> sections = new LinkedHashMap<>();
        for (String line : new String[] {
                "data: {dataset: synthetic, root: " + dir.resolve("data") + ", clips: " + clips + ", clip_seconds: 1,"
                        + " chunk_seconds: 0.5, seed: " + dataSeed + "}",
                "features: {sample_rate: 8000, n_fft: 256, hop_length: 128, n_mels: 40}",
                "model: {arch: k2c2, params: 5k}",
                "results: {dir: " + dir.resolve("results") + "}"}) {
            sections.put(section(line), line);
        }
        for (String line : lines) {
            sections.put(section(line), line);
        }
        return Files.writeString(dir.resolve(name + ".yaml"), String.join("\n", sections.values()));
    }

    private static String section(String line) {
        return line.substring(0, line.indexOf(':'));
    }

    /** A stream that swallows a run's report. */
    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
