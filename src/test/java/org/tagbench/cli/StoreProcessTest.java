package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tagbench.ChildJvm;
import org.tagbench.data.synthetic.SyntheticDataset;
import org.tagbench.data.synthetic.SyntheticSpec;
import org.tagbench.experiment.TinyRun;
import org.tagbench.files.FileDigest;
import org.tagbench.results.PostgresServer;
import org.tagbench.results.ResultsStore;
import org.tagbench.results.RunFilter;
import org.tagbench.results.RunSummary;
import org.tagbench.results.StoredRuns;

/**
 * {@code tagbench run} in child JVMs against one store, an SQLite file and a PostgreSQL server: two runs at once on
 * the file, three on the server, all land whole; a run killed with SIGKILL shows {@code stale} once its heartbeat is
 * three intervals old, a second live {@code run --resume} is refused in one line, and resuming the dead run ends it
 * {@code finished} on the same row.
 */
class StoreProcessTest {
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @TempDir
    Path dir;

    private String url;

    @ParameterizedTest
    @CsvSource({"sqlite, 2", "postgresql, 3"})
    void runsAtOnceOnOneStoreAllLandWhole(String database, int processes) throws Exception {
        Path config = config(database, 2, 30);
        List<Process> children = new ArrayList<>();
        for (int i = 1; i <= processes; i++) {
            children.add(child(config, "run" + i));
        }

        for (int i = 1; i <= processes; i++) {
            assertEquals(0, children.get(i - 1).waitFor(), Files.readString(dir.resolve("run" + i + ".err")));
        }
        StoredRuns runs = new StoredRuns(ResultsStore.existing(url));
        List<RunSummary> listed = runs.list(RunFilter.all());
        assertEquals(processes, listed.size());
        for (RunSummary run : listed) {
            assertEquals("finished", run.status());
            JsonNode whole = runs.show(run.id()).orElseThrow();
            assertEquals(2, whole.get("epochs").size());
            assertTrue(whole.get("tracks").get("test").asInt() > 0);
            assertTrue(whole.get("tag_metrics").size() > 0);
            JsonNode artifacts = whole.get("artifacts");
            assertEquals(9, artifacts.size(), artifacts.toString());
            for (JsonNode artifact : artifacts) {
                Path file = Path.of(whole.get("folder").asText()).resolve(artifact.get("path").asText());
                assertEquals(Files.size(file), artifact.get("bytes").asLong(), file.toString());
                assertEquals(FileDigest.sha256(file), artifact.get("sha256").asText(), file.toString());
            }
        }
        assertEquals(processes, listed.stream().map(r -> runs.show(r.id()).orElseThrow().get("folder").asText())
                .distinct().count(), "each run its own folder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aKilledRunIsStaleThenResumesToFinishedOnTheSameRow(String database) throws Exception {
        Path config = config(database, 3, 1);
        Process child = child(config, "killed");
        Path out = dir.resolve("killed.out");
        StoredRuns runs = null;
        RunSummary live = null;
        Instant deadline = Instant.now().plus(PATIENCE);
        while (live == null && Instant.now().isBefore(deadline)) {
            assertTrue(child.isAlive(), Files.readString(dir.resolve("killed.err")));
            if (database.equals("postgresql") || Files.exists(dir.resolve("results/tagbench.db"))) {
                runs = runs != null ? runs : new StoredRuns(ResultsStore.existing(url));
                Optional<RunSummary> first = runs.list(RunFilter.all()).stream().findFirst();
                if (first.isPresent() && runs.show(first.get().id()).orElseThrow().get("epochs").size() >= 1) {
                    live = first.get();
                }
            }
            Thread.sleep(100);
        }
        assertTrue(live != null, "no epoch in the store within " + PATIENCE);
        assertEquals("running", live.status());
        Path folder = Path.of(Files.readAllLines(out).get(1).substring("run folder ".length()));

        CommandRun second = CommandRun.of("run", "--resume", folder.toString());
        assertEquals(2, second.code(), second.err());
        assertEquals("config error: --resume: " + folder + " is being trained by another tagbench ("
                + org.tagbench.results.Host.name() + " pid " + child.pid() + "); wait for it to end or stop it first",
                second.err().strip());

        child.destroyForcibly().waitFor();
        long id = live.id();
        String status = "running";
        for (Instant until = Instant.now().plusSeconds(30); !status.equals("stale") && Instant.now().isBefore(until); ) {
            Thread.sleep(250);
            status = runs.list(RunFilter.all()).get(0).status();
        }
        assertEquals("stale", status, "a killed run's heartbeat ages past three intervals");
        assertEquals(List.of(id), runs.list(new RunFilter(null, "stale", List.of())).stream().map(RunSummary::id)
                .toList());

        CommandRun resumed = CommandRun.of("run", "--resume", folder.toString());
        assertEquals(0, resumed.code(), resumed.err());
        List<RunSummary> after = runs.list(RunFilter.all());
        assertEquals(1, after.size(), "the resumed run keeps its row");
        assertEquals(id, after.get(0).id());
        assertEquals("finished", after.get(0).status());
        JsonNode epochs = runs.show(id).orElseThrow().get("epochs");
        assertEquals(3, epochs.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(i + 1, epochs.get(i).get("epoch").asInt());
        }
    }

    /**
     * A config of {@code epochs} epochs with a heartbeat every {@code heartbeatSeconds}, recording into a new store
     * on {@code database} ({@link #url}): the default SQLite file or a new PostgreSQL database.
     */
    private Path config(String database, int epochs, int heartbeatSeconds) throws Exception {
        url = database.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("results/tagbench.db") : POSTGRES.newStore();
        SyntheticDataset.ensure(dir.resolve("data"), new SyntheticSpec(40, 1.0, 8000, 2));
        return TinyRun.config(dir, "stored", 40, 2, "training: {batch_size: 4, max_epochs: " + epochs + "}",
                "eval: {chunks: 1}", "pipeline: {pcm_cache: false, workers: 1}",
                "results: {dir: " + dir.resolve("results") + ", url: '" + url + "', heartbeat_seconds: "
                        + heartbeatSeconds + "}");
    }

    /** {@code tagbench run config} in a child JVM, which finds a PostgreSQL store's password through PGPASSFILE. */
    private Process child(Path config, String name) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(TagbenchCommand.class, "run", config.toString()))
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        if (url.startsWith("jdbc:postgresql:")) {
            builder.environment().put("PGPASSFILE", POSTGRES.passwordFile().toString());
        }
        return builder.start();
    }
}
