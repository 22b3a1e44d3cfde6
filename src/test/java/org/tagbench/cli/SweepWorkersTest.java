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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.ChildJvm;
import org.tagbench.data.synthetic.SyntheticDataset;
import org.tagbench.data.synthetic.SyntheticSpec;
import org.tagbench.results.PostgresServer;
import org.tagbench.results.ResultsStore;
import org.tagbench.results.RunFilter;
import org.tagbench.results.RunSummary;
import org.tagbench.results.StoredRuns;
import org.tagbench.results.SweepCellState;
import org.tagbench.results.SweepStore;

/**
 * Three sweep workers, each started by {@code scripts/sweep-worker.sh} as a job array's task would start it, on one
 * PostgreSQL store: they finish a 6-cell sweep with each cell trained once, and when one is killed with SIGKILL
 * mid-cell, another takes its cell over once the cell's heartbeat is three intervals old and resumes its run.
 */
class SweepWorkersTest {
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final int WORKERS = 3;
    private static final int CELLS = 6;
    private static final int EPOCHS = 2;

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @TempDir
    Path dir;

    @Test
    void threeWorkersFinishTheSweepAndTakeOverTheCellOfOneKilled() throws Exception {
        String url = POSTGRES.newStore();
        Path experiment = experiment();
        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            workers.add(worker(experiment, url, i));
        }

        int killed = -1;
        for (Instant deadline = Instant.now().plus(PATIENCE); killed < 0; Thread.sleep(20)) {
            assertTrue(Instant.now().isBefore(deadline), "no worker finished an epoch within " + PATIENCE);
            for (int i = 0; i < WORKERS && killed < 0; i++) {
                assertTrue(workers.get(i).isAlive(), log(i));
                if (Files.readString(dir.resolve("worker" + i + ".out")).contains("epoch 1: ")) {
                    workers.get(i).destroyForcibly().waitFor();
                    killed = i;
                }
            }
        }
        for (int i = 0; i < WORKERS; i++) {
            if (i != killed) {
                assertEquals(0, workers.get(i).waitFor(), log(i));
            }
        }

        ResultsStore store = ResultsStore.existing(url);
        StoredRuns runs = new StoredRuns(store);
        List<RunSummary> listed = runs.list(RunFilter.all());
        assertEquals(CELLS, listed.size(), "one run per cell: " + listed);
        assertEquals(IntStream.rangeClosed(1, CELLS).mapToObj(Long::valueOf).toList(),
                listed.stream().map(RunSummary::seed).sorted().toList());
        for (RunSummary run : listed) {
            assertEquals("finished", run.status());
            JsonNode epochs = runs.show(run.id()).orElseThrow().get("epochs");
            assertEquals(EPOCHS, epochs.size(), "each epoch trained once: " + epochs);
        }
        SweepStore sweeps = new SweepStore(store);
        List<SweepCellState> cells = sweeps.cells(sweeps.id("workers").orElseThrow());
        assertEquals(CELLS, cells.size());
        assertTrue(cells.stream().allMatch(c -> c.status().equals("finished")), cells.toString());
        assertEquals(listed.stream().map(RunSummary::id).sorted().toList(),
                cells.stream().map(SweepCellState::runId).sorted().toList());
        List<SweepCellState> takenOver = cells.stream().filter(c -> c.attempts() == 2).toList();
        assertEquals(1, takenOver.size(), "only the killed worker's cell is claimed twice: " + cells);
        assertEquals(CELLS + 1, cells.stream().mapToInt(SweepCellState::attempts).sum());
        String killedPid = " pid " + workers.get(killed).pid();
        assertTrue(!takenOver.get(0).worker().endsWith(killedPid), takenOver.get(0).worker());
        String resumedBy = IntStream.range(0, WORKERS).mapToObj(i -> {
            try {
                return Files.readString(dir.resolve("worker" + i + ".out"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.joining());
        assertTrue(resumedBy.contains("cell " + takenOver.get(0).cell() + ": resuming run "
                + takenOver.get(0).runId() + " in "), resumedBy);
        assertEquals(1, runs.show(takenOver.get(0).runId()).orElseThrow().get("resumptions").size(),
                "the taken-over run went on from its checkpoint");
    }

    /** {@code scripts/sweep-worker.sh EXPERIMENT}, with the store's URL and tagbench's command in its environment. */
    private Process worker(Path experiment, String url, int task) throws Exception {
        Path script = Path.of("scripts", "sweep-worker.sh").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(script.toString(), experiment.toString())
                .redirectOutput(dir.resolve("worker" + task + ".out").toFile())
                .redirectError(dir.resolve("worker" + task + ".err").toFile());
        builder.environment().put("TAGBENCH_RESULTS_URL", url);
        builder.environment().put("SLURM_ARRAY_TASK_ID", String.valueOf(task));
        builder.environment().put("PGPASSFILE", POSTGRES.passwordFile().toString());
        builder.environment().put("TAGBENCH", String.join(" ", ChildJvm.command(TagbenchCommand.class)));
        return builder.start();
    }

    private String log(int task) throws Exception {
        return Files.readString(dir.resolve("worker" + task + ".out")) + Files.readString(dir.resolve("worker" + task
                + ".err"));
    }

    /** A sweep of {@value #CELLS} seeds of a tiny run, a heartbeat every second, run folders in {@code dir}. */
    private Path experiment() throws Exception {
        SyntheticDataset.ensure(dir.resolve("data"), new SyntheticSpec(40, 1.0, 8000, 2));
        String seeds = IntStream.rangeClosed(1, CELLS).mapToObj(String::valueOf).collect(Collectors.joining(", "));
        return Files.writeString(dir.resolve("workers.yaml"), String.join("\n",
                "name: workers",
                "config:",
                "  data: {dataset: synthetic, root: " + dir.resolve("data") + ", clips: 40, clip_seconds: 1,"
                        + " chunk_seconds: 0.5, seed: 2}",
                "  features: {sample_rate: 8000, n_fft: 256, hop_length: 128, n_mels: 40}",
                "  model: {arch: k2c2, params: 5k}",
                "  training: {batch_size: 8, max_epochs: " + EPOCHS + "}",
                "  eval: {chunks: 1}",
                "  pipeline: {pcm_cache: false, workers: 1}",
                "  results: {dir: " + dir.resolve("results") + ", heartbeat_seconds: 1}",
                "grid:",
                "  seed: [" + seeds + "]"));
    }
}
