package org.tagbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings every connection to an SQLite store works under, read back from SQLite itself. */
class SqliteSettingsTest {
    @Test
    void everyConnectionUsesWalNormalSyncBusyTimeoutAndForeignKeys(@TempDir Path dir) throws Exception {
        ResultsStore store = ResultsStore.open("jdbc:sqlite:" + dir.resolve("tagbench.db"));
        List<String> settings = store.transaction(c -> {
            try (Statement s = c.createStatement()) {
                return List.of(pragma(s, "journal_mode"), pragma(s, "synchronous"), pragma(s, "busy_timeout"),
                        pragma(s, "foreign_keys"));
            }
        });
        // synchronous 1 is NORMAL (0 OFF, 2 FULL).
        assertEquals(List.of("wal", "1", String.valueOf(Database.BUSY_TIMEOUT_MS), "1"), settings);
    }

    @Test
    void theDriversLibraryIsLoadedFromTheCacheFolder() {
        ResultsStore.at("jdbc:sqlite::memory:");
        Path library = Path.of(System.getProperty("org.sqlite.lib.path"), System.getProperty("org.sqlite.lib.name"));
        assertTrue(Files.isRegularFile(library), library + " is a file");
        assertTrue(library.startsWith(org.tagbench.files.CacheFolder.root()), library + " is in the cache folder");
    }

    private static String pragma(Statement statement, String name) throws java.sql.SQLException {
        try (ResultSet row = statement.executeQuery("PRAGMA " + name)) {
            row.next();
            return row.getString(1);
        }
    }
}
