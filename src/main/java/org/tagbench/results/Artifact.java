package org.tagbench.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.tagbench.files.FileFailure;

/** A file a run left in its folder: its path there, its kind, its size and SHA-256, as the store registers it. */
public record Artifact(String path, String kind, long bytes, String sha256) {

    /** The file {@code name} of {@code folder}, of {@code kind}, read whole for its SHA-256. */
    public static Artifact of(Path folder, String name, String kind) throws IOException {
        Path file = folder.resolve(name);
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            long bytes = in.transferTo(OutputStream.nullOutputStream());
            return new Artifact(name, kind, bytes, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw FileFailure.naming(file, e);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
