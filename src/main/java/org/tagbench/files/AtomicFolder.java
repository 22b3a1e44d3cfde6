package org.tagbench.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.Predicate;

/**
 * Writes a folder of files whole or not at all: into a temp sibling folder, then renamed into place. A folder already
 * there is replaced only when {@code replaceable} accepts it (say, an earlier report), so that a mistyped path never
 * deletes someone's data; it is moved aside first and deleted once the new one is in place.
 */
public final class AtomicFolder {
    private AtomicFolder() {
    }

    /** What goes into the folder. */
    @FunctionalInterface
    public interface Contents {
        /** Writes every file into {@code folder}, which exists and is empty. */
        void writeInto(Path folder) throws IOException;
    }

    /**
     * Refuses {@code folder} unless it is new, an empty folder, or one that {@code replaceable} accepts, which
     * {@code kind} names for the message (e.g. "an earlier report"); checked before long work, and again by
     * {@link #write}.
     */
    public static void requireReplaceable(Path folder, Predicate<Path> replaceable, String kind) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        if (Files.exists(target) && (!Files.isDirectory(target) || !isEmpty(target) && !replaceable.test(target))) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists and is neither empty nor " + kind
                    + " (expected a new or empty folder, or " + kind + ")");
        }
    }

    /**
     * Writes {@code folder} with {@code contents}; an existing folder must be empty or pass {@code replaceable}
     * ({@link #requireReplaceable}).
     */
    public static void write(Path folder, Predicate<Path> replaceable, String kind, Contents contents)
            throws IOException {
        requireReplaceable(folder, replaceable, kind);
        Path target = folder.toAbsolutePath().normalize();
        boolean exists = Files.exists(target);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tagbench-");
        try {
            contents.writeInto(temp);
            if (exists) {
                Path aside = Files.createTempDirectory(parent, "." + target.getFileName() + ".old-");
                Files.move(target, aside, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                delete(aside);
            } else {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | RuntimeException e) {
            if (Files.exists(temp)) {
                delete(temp);
            }
            throw e;
        }
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void delete(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
