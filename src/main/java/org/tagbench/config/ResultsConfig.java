package org.tagbench.config;

import java.nio.file.Path;

/** Where run records go (default {@code results}, relative to the working directory). */
public record ResultsConfig(Path dir) {
}
