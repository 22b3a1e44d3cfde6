package org.tagbench.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file through a temp file in the same folder and an atomic rename, so that a reader (or a crash)
 * never leaves a half-written file in its place.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** What goes into a file. */
    @FunctionalInterface
    public interface Contents {
        /** Writes the whole contents to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces {@code file} with {@code contents}, creating its folder if needed. */
    public static void write(Path file, Contents contents) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                contents.writeTo(out);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
