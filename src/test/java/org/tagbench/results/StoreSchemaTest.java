package org.tagbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema version that lets a current store skip Flyway is that of the newest migration script, and is the
 * version Flyway records in a new store.
 */
class StoreSchemaTest {
    @TempDir
    Path dir;

    @Test
    void theVersionIsTheNewestScriptsAndANewStoresAfterMigrating() throws Exception {
        Path scripts = Path.of(StoreSchema.class.getResource("/db/results").toURI());
        List<Integer> versions;
        try (Stream<Path> files = Files.list(scripts)) {
            versions = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.+\\.sql"))
                    .map(name -> Integer.valueOf(name.substring(1, name.indexOf("__"))))
                    .sorted().toList();
        }
        assertTrue(!versions.isEmpty(), scripts.toString());
        assertEquals(String.valueOf(versions.get(versions.size() - 1)), StoreSchema.VERSION);

        String url = "jdbc:sqlite:" + dir.resolve("new.db");
        ResultsStore.open(url);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet newest = s.executeQuery("SELECT version FROM flyway_schema_history"
                     + " ORDER BY installed_rank DESC LIMIT 1")) {
            assertTrue(newest.next());
            assertEquals(StoreSchema.VERSION, newest.getString(1));
        }
    }
}
