package org.tagbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The temp folders benchmarks work in, deleted when they end. */
final class ScratchFolders {
    private ScratchFolders() {
    }

    /** Deletes {@code folder} and everything in it. */
    static void delete(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
