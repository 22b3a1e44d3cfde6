package org.tagbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration scripts tagbench hands Flyway are those of {@code db/results}; a new store ends at the newest one's
 * version; a store of an older version is copied aside and then migrated in place, its runs kept; a newer one is
 * refused. The older store is one at version 1, as the first tagbench with a store made it; the newer tagbench adds a
 * stand-in sixth script.
 */
class StoreSchemaTest {
    private static final MigrationScripts FIRST = new MigrationScripts(List.of("db/results/V1__runs.sql"));
    private static final MigrationScripts NEXT = new MigrationScripts(List.of("db/results/V1__runs.sql",
            "db/results/V2__sweeps.sql", "db/results/V3__task_metrics.sql", "db/results/V4__run_kind.sql",
            "db/results/V5__robustness.sql", "db/results-next/V6__run_notes.sql"));

    @TempDir
    Path dir;

    @Test
    void theListedScriptsAreTheFoldersAndANewStoreEndsAtTheNewest() throws Exception {
        Path scripts = Path.of(StoreSchema.class.getResource("/db/results").toURI());
        List<String> files;
        try (Stream<Path> listed = Files.list(scripts)) {
            files = listed.map(f -> "db/results/" + f.getFileName()).sorted((a, b) -> version(a) - version(b))
                    .toList();
        }
        assertEquals(files, MigrationScripts.TAGBENCH.paths());
        assertEquals("5", MigrationScripts.TAGBENCH.newestVersion());

        String url = "jdbc:sqlite:" + dir.resolve("new.db");
        ResultsStore.open(url);
        assertEquals(List.of("1", "2", "3", "4", "5"), versions(url));
        assertEquals(List.of(), backups());
    }

    @Test
    void anOlderStoreIsBackedUpAndMigratedInPlaceKeepingItsRuns() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("tagbench.db");
        ResultsStore store = ResultsStore.at(url);
        StoreSchema.migrate(store, FIRST);
        assertEquals(List.of("1"), versions(url));
        execute(url, "INSERT INTO runs (uid, experiment, run_name, folder, config, experiment_key, config_hash, arch,"
                + " budget, engine, seed, dataset, tagbench_version, host, status, created_ms, started_ms, heartbeat_ms,"
                + " heartbeat_seconds) VALUES ('u1', 'e', 'r', '/r', '{}', 'k', 'h', 'k2c2', 100000, 'pytorch', 1,"
                + " 'synthetic', '0.1.0', 'host', 'finished', 0, 0, 0, 60)");

        StoreSchema.migrate(store, NEXT);

        assertEquals(List.of("1", "2", "3", "4", "5", "6"), versions(url));
        assertEquals(List.of("u1"), column(url, "SELECT uid FROM runs"));
        assertEquals(Arrays.asList((String) null), column(url, "SELECT test_lwlrap FROM runs"));
        assertEquals(List.of("run"), column(url, "SELECT kind FROM runs"));
        assertEquals(List.of("0"), column(url, "SELECT COUNT(*) FROM robustness"));
        assertEquals(List.of("0"), column(url, "SELECT reviewed FROM runs"));
        assertEquals(List.of("0"), column(url, "SELECT COUNT(*) FROM sweep_cells"));
        List<Path> backups = backups();
        assertEquals(1, backups.size(), backups.toString());
        assertTrue(backups.get(0).getFileName().toString().startsWith("tagbench.db.v1-"), backups.toString());
        String copy = "jdbc:sqlite:" + backups.get(0);
        assertEquals(List.of("1"), versions(copy));
        assertEquals(List.of("u1"), column(copy, "SELECT uid FROM runs"));
        assertThrows(SQLException.class, () -> column(copy, "SELECT reviewed FROM runs"));
        assertThrows(SQLException.class, () -> column(copy, "SELECT COUNT(*) FROM sweeps"));

        // Opened again by the newer tagbench: current, so nothing is copied or migrated a second time.
        StoreSchema.migrate(store, NEXT);
        assertEquals(1, backups().size());
        StoreException refused = assertThrows(StoreException.class, () -> ResultsStore.open(url));
        assertTrue(refused.getMessage().contains("made by a newer tagbench (its schema is at version 6, this"
                + " tagbench knows versions up to 5)"), refused.getMessage());
    }

    @Test
    void aNewStoreIsMadeWithoutABackup() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("fresh.db");
        StoreSchema.migrate(ResultsStore.at(url), NEXT);
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), versions(url));
        assertFalse(Files.list(dir).anyMatch(f -> f.toString().endsWith(".bak")));
    }

    private static int version(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private List<Path> backups() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".bak")).toList();
        }
    }

    private static List<String> versions(String url) throws SQLException {
        return column(url, "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank");
    }

    private static List<String> column(String url, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
