package org.tagbench.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A folder of config files for a test, loaded through the public API. */
record ConfigDir(Path root) {
    /** The two keys without defaults, as a config file. */
    static final String MINIMAL = """
            data: {dataset: synthetic}
            model: {arch: k2c2}
            """;

    /** A fixture from src/test/resources/config. */
    static Path resource(String name) {
        try {
            return Path.of(ConfigDir.class.getResource("/config/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code text} to {@code name} (which may name subfolders) and returns its path. */
    Path write(String name, String text) {
        try {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads {@code name} with {@code overrides}. */
    ExperimentConfig load(String name, String... overrides) {
        return ConfigLoader.load(root.resolve(name), List.of(overrides));
    }

    /** The message of the error loading {@code name} with {@code overrides}, checked to be one clean line. */
    String error(String name, String... overrides) {
        return messageOf(() -> load(name, overrides));
    }

    /** The message of the config error {@code loading} throws, checked to be one line with no Jackson internals. */
    static String messageOf(Runnable loading) {
        String message = assertThrows(ConfigException.class, loading::run).getMessage();
        assertTrue(message.startsWith("config error: "), message);
        for (String leak : List.of("\n", "\r", "Exception", "com.fasterxml", "org.tagbench", "`", "JsonToken")) {
            assertFalse(message.contains(leak), () -> "'" + leak + "' in: " + message);
        }
        return message;
    }
}
