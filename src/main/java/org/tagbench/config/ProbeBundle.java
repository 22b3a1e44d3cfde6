package org.tagbench.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One model bundle a probe reads embeddings from, and which of its layers ({@code model summary} numbers or names);
 * no layers means the penultimate, as {@code embed} takes by default.
 */
public record ProbeBundle(Path path, List<String> layers) {
    /** Requires a path; the layers are checked against the bundle once it is read. */
    public ProbeBundle {
        Require.present("path", path, "a model bundle's folder, as tagbench export writes it");
        layers = layers == null ? List.of() : List.copyOf(layers);
    }
}
