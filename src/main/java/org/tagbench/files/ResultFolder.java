package org.tagbench.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A new result folder {@code <time>-<label>-<hash>} (UTC, to the second) in a results directory, as runs and probes
 * name theirs. Creating the folder is the claim, so two started in the same second never share one: the second gets
 * {@code -2}, the third {@code -3}, and so on.
 */
public final class ResultFolder {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private ResultFolder() {
    }

    /** Creates and returns the first free folder {@code dir/<time>-<label>-<hash>[-n]} (and {@code dir} if needed). */
    public static Path claim(Path dir, Instant time, String label, String hash) throws IOException {
        Files.createDirectories(dir);
        String base = TIME.format(time) + "-" + label + "-" + hash;
        for (int n = 1; ; n++) {
            Path folder = dir.resolve(n == 1 ? base : base + "-" + n);
            try {
                return Files.createDirectory(folder);
            } catch (FileAlreadyExistsException taken) {
                // Taken by a run or probe started in the same second: try the next name.
            }
        }
    }
}
