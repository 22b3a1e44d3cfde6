package org.tagbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tagbench.files.FileDigest;
import org.tagbench.files.FileFailure;

/**
 * A file a run keeps in its folder, as the store registers it.
 *
 * @param path its path relative to the run folder (the folder may move, or be read on another machine)
 * @param kind what it is: {@code best-model}, {@code checkpoint}, {@code tags}, {@code test-scores}, ...
 * @param bytes its size
 * @param sha256 the SHA-256 of its contents, lower-case hex
 */
public record Artifact(String path, String kind, long bytes, String sha256) {
    /** The kind of the best model's file. */
    public static final String BEST_MODEL = "best-model";
    /** The kind of the latest checkpoint's file. */
    public static final String CHECKPOINT = "checkpoint";

    /** The file {@code name} in the run folder {@code folder}, as it is now, registered as {@code kind}. */
    public static Artifact of(Path folder, String name, String kind) throws IOException {
        Path file = folder.resolve(name);
        try {
            return new Artifact(name, kind, Files.size(file), FileDigest.sha256(file));
        } catch (IOException e) {
            throw FileFailure.naming(file, e);
        }
    }
}
