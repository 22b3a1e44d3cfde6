package org.tagbench.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache folder follows $TAGBENCH_CACHE, then $XDG_CACHE_HOME, then $HOME, then Java's user.home. */
class CacheFolderTest {
    private static final String PASSWD_HOME = "/home/from-passwd";

    @Test
    void tagbenchCacheWinsOverEverything() {
        assertEquals(Path.of("/scratch/tb"), root(Map.of("TAGBENCH_CACHE", "/scratch/tb",
                "XDG_CACHE_HOME", "/xdg", "HOME", "/home/me")));
    }

    @Test
    void xdgCacheHomeComesNext() {
        assertEquals(Path.of("/xdg/tagbench"), root(Map.of("XDG_CACHE_HOME", "/xdg", "HOME", "/home/me")));
    }

    @Test
    void homeComesBeforeTheHomeInThePasswordFile() {
        assertEquals(Path.of("/home/me/.cache/tagbench"), root(Map.of("HOME", "/home/me")));
    }

    @Test
    void userHomeIsTheLastResort() {
        assertEquals(Path.of(PASSWD_HOME, ".cache", "tagbench"), root(Map.of()));
    }

    @Test
    void blankVariablesCountAsUnset() {
        assertEquals(Path.of("/home/me/.cache/tagbench"), root(Map.of("TAGBENCH_CACHE", " ",
                "XDG_CACHE_HOME", "", "HOME", "/home/me")));
        assertEquals(Path.of(PASSWD_HOME, ".cache", "tagbench"), root(Map.of("HOME", "")));
    }

    private static Path root(Map<String, String> environment) {
        return CacheFolder.root(environment::get, PASSWD_HOME);
    }
}
