package org.tagbench.files;

import java.nio.file.Path;

/** tagbench's cache folder, for generated datasets and decoded audio. */
public final class CacheFolder {
    private CacheFolder() {
    }

    /** $TAGBENCH_CACHE, else $XDG_CACHE_HOME/tagbench, else ~/.cache/tagbench. */
    public static Path root() {
        String own = System.getenv("TAGBENCH_CACHE");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("tagbench");
    }
}
