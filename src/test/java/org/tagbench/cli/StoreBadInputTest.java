package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.files.SmallDisk;
import org.tagbench.results.PostgresServer;
import org.tagbench.results.ResultsStore;

/**
 * A results store that cannot be written stops {@code tagbench run} before its run folder exists, so training never
 * starts: a store made by a newer tagbench (an SQLite file, a PostgreSQL database), a read-only file, a full disk, an
 * unreachable server, a wrong password, a URL without a user; each as one line naming the store, exit 1.
 */
class StoreBadInputTest {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @TempDir
    Path dir;

    @Test
    void aPostgresStoreFromANewerTagbenchIsRefused() throws Exception {
        String url = POSTGRES.newStore();
        ResultsStore.open(url);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'future', 'SQL',"
                    + " 'V99__future.sql', 0, 'tagbench', 1, true)");
        }

        CommandRun run = CommandRun.of("run", config().toString(), "--set", "results.url=" + url);

        assertEquals(1, run.code(), run.err());
        assertEquals("tagbench: results store " + url + ": made by a newer tagbench (its schema is at version 99,"
                + " this tagbench knows versions up to 5); use that tagbench or a newer one", run.err().strip());
        assertFalse(Files.exists(dir.resolve("results")), "no run folder: training never started");
    }

    @Test
    void aWrongPostgresPasswordIsOneLine() throws Exception {
        String url = POSTGRES.newStore();
        Path wrong = Files.writeString(dir.resolve("pgpass"), "127.0.0.1:" + POSTGRES.port() + ":*:"
                + PostgresServer.USER + ":not-the-password\n");
        System.setProperty(PostgresServer.PASSWORD_FILE_PROPERTY, wrong.toString());
        CommandRun run;
        try {
            run = CommandRun.of("run", config().toString(), "--set", "results.url=" + url);
        } finally {
            System.setProperty(PostgresServer.PASSWORD_FILE_PROPERTY, POSTGRES.passwordFile().toString());
        }

        assertEquals(1, run.code(), run.err());
        assertEquals("tagbench: results store " + url + ": FATAL: password authentication failed for user \""
                + PostgresServer.USER + "\" (expected the password in ~/.pgpass, or in the file PGPASSFILE names, as a"
                + " line HOST:PORT:DATABASE:USER:PASSWORD)", run.err().strip());
        assertFalse(Files.exists(dir.resolve("results")), "no run folder: training never started");
    }

    @Test
    void aPostgresUrlWithoutAUserSaysWhomTheDriverLoggedInAs() throws Exception {
        String url = POSTGRES.newStore().replace("?user=" + PostgresServer.USER, "");

        CommandRun run = CommandRun.of("run", config().toString(), "--set", "results.url=" + url);

        assertEquals(1, run.code(), run.err());
        assertEquals("tagbench: results store " + url + ": The server requested SCRAM-based authentication, but no"
                + " password was provided. (the URL names no user, so the driver logged in as the system user "
                + System.getProperty("user.name") + "; expected ?user=NAME in the URL and the password in ~/.pgpass,"
                + " or in the file PGPASSFILE names, as a line HOST:PORT:DATABASE:USER:PASSWORD)", run.err().strip());
        assertFalse(Files.exists(dir.resolve("results")), "no run folder: training never started");
    }

    @Test
    void anUnreachablePostgresServerIsOneLine() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closed + "/tagbench?user=tagbench";

        CommandRun run = CommandRun.of("run", config().toString(), "--set", "results.url=" + url);

        assertEquals(1, run.code(), run.err());
        List<String> lines = run.err().strip().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith("tagbench: results store " + url + ": Connection to 127.0.0.1:" + closed
                + " refused."), lines.get(0));
        assertFalse(Files.exists(dir.resolve("results")), "no run folder: training never started");
    }

    @Test
    void aStoreFromANewerTagbenchIsRefused() throws Exception {
        Path store = dir.resolve("newer.db");
        ResultsStore.open("jdbc:sqlite:" + store);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store);
             Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'future', 'SQL',"
                    + " 'V99__future.sql', 0, 'tagbench', 1, 1)");
        }

        CommandRun run = CommandRun.of("run", config().toString(), "--set", "results.url=jdbc:sqlite:" + store);

        assertEquals(1, run.code(), run.err());
        assertEquals("tagbench: results store jdbc:sqlite:" + store + ": made by a newer tagbench (its schema is at"
                + " version 99, this tagbench knows versions up to 5); use that tagbench or a newer one",
                run.err().strip());
        assertFalse(Files.exists(dir.resolve("results")), "no run folder: training never started");
    }

    @Test
    void aReadOnlyStoreStopsTheRunBeforeItsFolder() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("ro"), 4096)) {
            String url = "jdbc:sqlite:" + disk.folder().resolve("tagbench.db");
            ResultsStore.open(url);
            disk.readOnly();

            CommandRun run = CommandRun.of("run", config().toString(), "--set", "results.url=" + url);

            assertEquals(1, run.code(), run.err());
            List<String> lines = run.err().strip().lines().toList();
            assertEquals(1, lines.size(), run.err());
            assertTrue(lines.get(0).startsWith("tagbench: results store " + url + ": "), lines.get(0));
            assertTrue(lines.get(0).matches(".*(readonly|read-only|read only|unable to open).*"), lines.get(0));
            assertFalse(Files.exists(dir.resolve("results")), "no run folder: training never started");
        }
    }

    @Test
    void aFullDiskNamesTheStore() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("small"), 16)) {
            String url = "jdbc:sqlite:" + disk.folder().resolve("tagbench.db");

            CommandRun run = CommandRun.of("run", config().toString(), "--set", "results.url=" + url);

            assertEquals(1, run.code(), run.err());
            List<String> lines = run.err().strip().lines().toList();
            assertEquals(1, lines.size(), run.err());
            assertTrue(lines.get(0).startsWith("tagbench: results store " + url + ": "), lines.get(0));
            assertTrue(lines.get(0).startsWith("tagbench: results store " + url + ": no space left on device ("),
                    lines.get(0));
            assertFalse(Files.exists(dir.resolve("results")), "no run folder: training never started");
        }
    }

    private Path config() throws Exception {
        Files.writeString(dir.resolve("tags.csv"), "path,split,tags\na.wav,train,rock\nb.wav,valid,jazz\n"
                + "c.wav,test,rock\n");
        return Files.writeString(dir.resolve("tiny.yaml"), String.join("\n",
                "data: {dataset: csv, table: " + dir.resolve("tags.csv") + ", chunk_seconds: 0.5}",
                "model: {arch: k2c2, params: 5k}",
                "results: {dir: " + dir.resolve("results") + "}"));
    }
}
