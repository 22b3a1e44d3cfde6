package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.ChildJvm;
import org.tagbench.data.synthetic.SyntheticDataset;
import org.tagbench.data.synthetic.SyntheticSpec;
import org.tagbench.experiment.TinyRun;
import org.tagbench.results.ResultsStore;
import org.tagbench.results.RunFilter;
import org.tagbench.results.RunSummary;
import org.tagbench.results.StoredRuns;
import org.tagbench.results.SweepCellState;
import org.tagbench.results.SweepStore;
import org.tagbench.train.Checkpoints;

/**
 * {@code tagbench sweep} on an SQLite store: every cell of a small grid runs once, the same command again trains
 * nothing, {@code --dry-run} lists the cells and what they gave, a changed grid adds its new cells, a sweep killed
 * with SIGKILL mid-cell is finished by the same command, the killed cell resumed from its checkpoint, one stopped by
 * SIGTERM gives its cell back at once and names that command, and a failed cell is marked, passed and tried again.
 */
class SweepCommandTest {
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    /** The JVM's exit code after SIGTERM: 128 + 15. */
    private static final int SIGTERM_EXIT = 143;

    @TempDir
    Path dir;

    @Test
    void everyCellRunsOnceAndTheSameCommandAgainTrainsNothing() throws Exception {
        Path experiment = experiment("seed: [1, 2]", 1);

        Printed first = sweep(experiment.toString());

        assertEquals(0, first.code(), first.out());
        assertTrue(first.out().contains("sweep tiny: 2 cells recorded in " + experiment + "\n"), first.out());
        assertTrue(first.out().contains("cell 1 of 2 (seed=1), ETA unknown until a cell finishes\n"), first.out());
        assertTrue(first.out().matches("(?s).*cell 2 of 2 \\(seed=2\\), ETA [0-9]+ s\n.*"), first.out());
        StoredRuns runs = new StoredRuns(ResultsStore.existing(url()));
        List<RunSummary> listed = runs.list(RunFilter.all());
        assertEquals(List.of(1L, 2L), listed.stream().map(RunSummary::seed).toList());
        for (RunSummary run : listed) {
            assertEquals("finished", run.status());
            assertEquals("tiny", run.experiment());
            assertEquals(1, runs.show(run.id()).orElseThrow().get("epochs").size());
            assertTrue(run.runName().contains("-tiny-" + run.seed() + "-"), run.runName());
        }
        List<SweepCellState> cells = cells();
        assertEquals(List.of("finished", "finished"), cells.stream().map(SweepCellState::status).toList());
        assertEquals(List.of(1, 1), cells.stream().map(SweepCellState::attempts).toList());
        assertEquals(listed.stream().map(RunSummary::id).toList(), cells.stream().map(SweepCellState::runId).toList());
        assertTrue(first.out().contains("sweep tiny: 2 of 2 cells finished, 0 failed; 2 cells run here"), first.out());

        Printed again = sweep(experiment.toString());

        assertEquals(0, again.code(), again.out());
        assertFalse(again.out().contains("cell 1 of"), again.out());
        assertFalse(again.out().contains("recorded"), again.out());
        assertEquals(listed.stream().map(RunSummary::id).toList(), runs.list(RunFilter.all()).stream()
                .map(RunSummary::id).toList(), "nothing trained twice");
        assertEquals(2, folders().size());

        Printed dry = sweep(experiment.toString(), "--dry-run");

        assertEquals(0, dry.code(), dry.out());
        List<String> expected = new ArrayList<>(List.of("sweep tiny: 2 cells in " + experiment + "; store " + url(),
                "cell  overrides  status       run  test ROC-AUC"));
        for (RunSummary run : listed) {
            expected.add(String.format(Locale.ROOT, "%4d  seed=%d     finished  %6d  %.4f", run.seed(), run.seed(),
                    run.id(), run.testRocAuc()));
        }
        expected.add("2 finished");
        assertEquals(expected, dry.out().lines().toList());

        Path wider = experiment("seed: [1, 2, 3]", 1);
        Printed planned = sweep(wider.toString(), "--dry-run");
        assertEquals(String.format(Locale.ROOT, "%4d  seed=%d     new", 3, 3),
                planned.out().lines().toList().get(4));
        assertEquals("2 finished, 1 new", planned.out().lines().toList().get(5));
        assertEquals(2, cells().size(), "a dry run records nothing");

        Printed grown = sweep(wider.toString());
        assertEquals(0, grown.code(), grown.out());
        assertTrue(grown.out().contains("sweep tiny: the grid changed: 1 new cells added (3 in this file)\n"),
                grown.out());
        assertTrue(grown.out().contains("cell 3 of 3 (seed=3), ETA "), grown.out());
        assertFalse(grown.out().contains("cell 1 of"), grown.out());
        assertEquals(3, runs.list(RunFilter.all()).size());
    }

    @Test
    void aKilledSweepIsFinishedByTheSameCommandResumingTheKilledCell() throws Exception {
        Path experiment = experiment("seed: [1, 2]", 2);
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        Process child = child(experiment, out, err);
        Path folder = null;
        for (Instant deadline = Instant.now().plus(PATIENCE); folder == null; Thread.sleep(20)) {
            assertTrue(Instant.now().isBefore(deadline), "no checkpoint within " + PATIENCE);
            assertTrue(child.isAlive(), Files.readString(out) + Files.readString(err));
            List<Path> made = folders();
            if (made.size() == 1 && Files.exists(made.get(0).resolve(Checkpoints.CHECKPOINT))
                    && Files.readString(out).contains("epoch 1: ")) {
                folder = made.get(0);
            }
        }
        child.destroyForcibly().waitFor();
        assertFalse(Files.readString(out).contains("cell 2 of 2"), "killed in the first cell");

        Printed again = sweep(experiment.toString());

        assertEquals(0, again.code(), again.out());
        StoredRuns runs = new StoredRuns(ResultsStore.existing(url()));
        List<RunSummary> listed = runs.list(RunFilter.all());
        assertEquals(2, listed.size(), "the killed cell's run goes on in its row");
        assertTrue(again.out().contains("cell 1: resuming run " + listed.get(0).id() + " in " + folder
                + " (attempt 2)\n"), again.out());
        assertTrue(again.out().contains("resuming " + folder + " at epoch "), again.out());
        assertEquals(List.of(folder, Path.of(runs.show(listed.get(1).id()).orElseThrow().get("folder").asText())),
                folders(), "no cell started a second folder");
        for (RunSummary run : listed) {
            assertEquals("finished", run.status());
            JsonNode epochs = runs.show(run.id()).orElseThrow().get("epochs");
            assertEquals(List.of(1, 2), Stream.of(0, 1).map(i -> epochs.get(i).get("epoch").asInt()).toList());
        }
        assertEquals(List.of(2, 1), cells().stream().map(SweepCellState::attempts).toList());
        assertEquals(List.of("finished", "finished"), cells().stream().map(SweepCellState::status).toList());
    }

    @Test
    void aFailedCellIsMarkedWithItsErrorTheSweepGoesOnAndExitsOne() throws Exception {
        // Valid as a config, failing once it trains: Adam's steps of 1e38 overflow float32 within a few.
        Path experiment = experiment("training.optimizer.lr: [1e38, 0.001]", 1);

        Printed first = sweep(experiment.toString());

        assertEquals(1, first.code(), first.out());
        String error = "config error: training.optimizer.lr: training loss is ";
        assertTrue(first.out().contains("cell 1 of 2 failed: " + error), first.out());
        assertTrue(first.out().contains("cell 2 of 2 (lr=0.001), ETA "), first.out());
        assertTrue(first.out().contains("sweep tiny: 1 of 2 cells finished, 1 failed; 2 cells run here"),
                first.out());
        List<SweepCellState> cells = cells();
        assertEquals(List.of("failed", "finished"), cells.stream().map(SweepCellState::status).toList());
        assertTrue(cells.get(0).error().startsWith(error), cells.get(0).error());
        assertEquals(1, cells.get(0).error().lines().count());
        StoredRuns runs = new StoredRuns(ResultsStore.existing(url()));
        assertEquals(List.of("failed", "finished"), runs.list(RunFilter.all()).stream().map(RunSummary::status)
                .toList());
        String row = first.out().lines().filter(line -> line.startsWith("   1  training.optimizer.lr=1.0E38"))
                .findFirst().orElseThrow(() -> new AssertionError(first.out()));
        assertTrue(row.matches(" +1  training\\.optimizer\\.lr=1\\.0E38 +failed +" + cells.get(0).runId() + "  "
                + java.util.regex.Pattern.quote(error) + ".*"), row);

        Printed again = sweep(experiment.toString());

        assertEquals(1, again.code(), again.out());
        assertTrue(again.out().contains("sweep tiny: trying 1 failed cells again\n"), again.out());
        assertTrue(again.out().contains("cell 1: resuming run " + cells.get(0).runId() + " in "), again.out());
        assertFalse(again.out().contains("cell 2 of 2"), again.out());
        assertEquals(List.of(2, 1), cells().stream().map(SweepCellState::attempts).toList());
        assertEquals(2, runs.list(RunFilter.all()).size(), "the failed cell's run was tried again in its own row");
    }

    @Test
    void aTerminatedSweepGivesItsCellBackAndNamesTheCommandThatGoesOn() throws Exception {
        Path experiment = experiment("seed: [1]", 2);
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        Process child = child(experiment, out, err);
        for (Instant deadline = Instant.now().plus(PATIENCE); !Files.readString(out).contains("epoch 1: ");
             Thread.sleep(20)) {
            assertTrue(Instant.now().isBefore(deadline), "no epoch within " + PATIENCE);
            assertTrue(child.isAlive(), Files.readString(out) + Files.readString(err));
        }
        child.destroy();

        assertEquals(SIGTERM_EXIT, child.waitFor());
        assertEquals(List.of("interrupted; continue with: tagbench sweep " + experiment),
                Files.readAllLines(err).stream().filter(line -> line.startsWith("interrupted")).toList());
        SweepCellState given = cells().get(0);
        assertEquals("pending", given.status(), "given back at once, not after the grace period");
        StoredRuns runs = new StoredRuns(ResultsStore.existing(url()));
        assertEquals("interrupted", runs.list(RunFilter.all()).get(0).status());

        Printed again = sweep(experiment.toString());

        assertEquals(0, again.code(), again.out());
        assertFalse(again.out().contains("waiting"), again.out());
        assertTrue(again.out().contains("cell 1: resuming run " + given.runId() + " in "), again.out());
        assertEquals(List.of("finished"), runs.list(RunFilter.all()).stream().map(RunSummary::status).toList());
        assertEquals(2, runs.show(given.runId()).orElseThrow().get("epochs").size());
    }

    /** {@code tagbench sweep experiment} in a child JVM. */
    private static Process child(Path experiment, Path out, Path err) throws Exception {
        return new ProcessBuilder(ChildJvm.command(TagbenchCommand.class, "sweep", experiment.toString()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    /** What a command printed on standard output, and its exit code. */
    private record Printed(int code, String out) {
    }

    private static Printed sweep(String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            String[] command = Stream.concat(Stream.of("sweep"), Stream.of(args)).toArray(String[]::new);
            CommandRun run = CommandRun.of(command);
            return new Printed(run.code(), printed.toString(StandardCharsets.UTF_8) + run.err());
        } finally {
            System.setOut(stdout);
        }
    }

    /**
     * The experiment file {@code tiny.yaml}: a grid line over a tiny base of {@code epochs} epochs with a heartbeat
     * every second, recording into {@code dir/results}.
     */
    private Path experiment(String grid, int epochs) throws Exception {
        SyntheticDataset.ensure(dir.resolve("data"), new SyntheticSpec(40, 1.0, 8000, 2));
        TinyRun.config(dir, "base", 40, 2, "training: {batch_size: 4, max_epochs: " + epochs + "}",
                "eval: {chunks: 1}", "pipeline: {pcm_cache: false, workers: 1}",
                "results: {dir: " + dir.resolve("results") + ", heartbeat_seconds: 1}");
        return Files.writeString(dir.resolve("tiny.yaml"), "name: tiny\nbase: base.yaml\ngrid:\n  " + grid + "\n");
    }

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("results/tagbench.db");
    }

    private List<SweepCellState> cells() {
        SweepStore sweeps = new SweepStore(ResultsStore.existing(url()));
        return sweeps.cells(sweeps.id("tiny").orElseThrow());
    }

    private List<Path> folders() throws Exception {
        if (!Files.isDirectory(dir.resolve("results"))) {
            return List.of();
        }
        try (Stream<Path> made = Files.list(dir.resolve("results"))) {
            return made.filter(Files::isDirectory).sorted().toList();
        }
    }
}
