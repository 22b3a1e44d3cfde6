package org.tagbench.files;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** tagbench's cache folder, for generated datasets, decoded audio and extracted natives. */
public final class CacheFolder {
    private CacheFolder() {
    }

    /** $TAGBENCH_CACHE, else $XDG_CACHE_HOME/tagbench, else $HOME/.cache/tagbench, else ~/.cache/tagbench. */
    public static Path root() {
        return root(System::getenv, System.getProperty("user.home"));
    }

    /**
     * The cache folder for the environment {@code environment} (a variable's value, or null when unset) and Java's
     * {@code userHome}. $HOME comes before {@code user.home}, which Java takes from the password file: a user who
     * points HOME elsewhere (a shared account, a container, a scratch disk) expects the cache to follow.
     */
    static Path root(UnaryOperator<String> environment, String userHome) {
        String own = environment.apply("TAGBENCH_CACHE");
        if (isSet(own)) {
            return Path.of(own);
        }
        String xdg = environment.apply("XDG_CACHE_HOME");
        if (isSet(xdg)) {
            return Path.of(xdg, "tagbench");
        }
        String home = environment.apply("HOME");
        return Path.of(isSet(home) ? home : userHome, ".cache", "tagbench");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
