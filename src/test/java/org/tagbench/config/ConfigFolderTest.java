package org.tagbench.config;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the tests that write config files: each test gets a fresh {@link ConfigDir} in a temp folder. */
abstract class ConfigFolderTest {
    @TempDir
    Path temp;
    ConfigDir dir;

    @BeforeEach
    void createConfigDir() {
        dir = new ConfigDir(temp);
    }
}
