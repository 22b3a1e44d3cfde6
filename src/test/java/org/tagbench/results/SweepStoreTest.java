package org.tagbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sweep tables on a real SQLite file and a real PostgreSQL server, without training: recording is idempotent and
 * adds a changed grid's cells after the others; workers claiming at once each get different cells, every cell once; a
 * claimed cell is passed over while its worker beats it and taken over once three intervals pass without a beat.
 */
class SweepStoreTest {
    private static final int CELLS = 24;
    private static final int WORKERS = 6;

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void recordingAgainAddsOnlyNewCellsAfterTheOthers(String database) throws Exception {
        SweepStore sweeps = new SweepStore(ResultsStore.open(url(database)));

        SweepStore.Recording first = sweeps.record("s", "text 1", "{}", specs("a", "b", "c"));
        SweepStore.Recording again = sweeps.record("s", "text 1", "{}", specs("a", "b", "c"));
        SweepStore.Recording grown = sweeps.record("s", "text 2", "{}", specs("d", "b", "a", "c"));

        assertEquals(List.of(1, 2, 3), first.cells());
        assertEquals(3, first.added());
        assertEquals(first.sweepId(), again.sweepId());
        assertEquals(first.cells(), again.cells());
        assertEquals(0, again.added());
        assertEquals(List.of(4, 2, 1, 3), grown.cells());
        assertEquals(1, grown.added());
        assertEquals(first.sweepId(), grown.sweepId());
        assertEquals(List.of("a", "b", "c", "d"), sweeps.cells(first.sweepId()).stream()
                .map(SweepCellState::experimentKey).toList());
        assertTrue(sweeps.cells(first.sweepId()).stream().allMatch(c -> c.status().equals("pending")
                && c.attempts() == 0 && c.runId() == null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void workersClaimingAtOnceGetEveryCellOnce(String database) throws Exception {
        String url = url(database);
        SweepStore.Recording sweep = new SweepStore(ResultsStore.open(url)).record("s", "", "{}",
                specs(IntStream.range(0, CELLS).mapToObj(i -> "k" + i).toArray(String[]::new)));
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<List<Integer>>> claimed = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            String worker = "worker " + w;
            claimed.add(pool.submit(() -> {
                // A store object of its own, as each worker process has.
                SweepStore sweeps = new SweepStore(ResultsStore.open(url));
                List<Integer> mine = new ArrayList<>();
                for (Optional<SweepStore.Claim> c = sweeps.claim(sweep.sweepId(), sweep.cells(), worker);
                     c.isPresent(); c = sweeps.claim(sweep.sweepId(), sweep.cells(), worker)) {
                    mine.add(c.get().cell());
                    // Ended without a run (a finished cell names one): failed, so no claim takes it again.
                    sweeps.failed(sweep.sweepId(), c.get().cell(), worker, "done");
                }
                return mine;
            }));
        }
        List<Integer> all = new ArrayList<>();
        for (Future<List<Integer>> one : claimed) {
            all.addAll(one.get());
        }
        pool.shutdown();

        Collections.sort(all);
        assertEquals(IntStream.rangeClosed(1, CELLS).boxed().toList(), all);
        List<SweepCellState> cells = new SweepStore(ResultsStore.open(url)).cells(sweep.sweepId());
        assertTrue(cells.stream().allMatch(c -> c.attempts() == 1 && c.status().equals("failed")), cells::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aCellIsTakenOverOnlyAfterThreeSilentHeartbeats(String database) throws Exception {
        SweepStore sweeps = new SweepStore(ResultsStore.open(url(database)));
        SweepStore.Recording sweep = sweeps.record("s", "", "{}", specs("a", "b", "c"));
        long id = sweep.sweepId();
        List<Integer> cells = sweep.cells();

        assertEquals(1, sweeps.claim(id, cells, "A").orElseThrow().cell());
        assertEquals(2, sweeps.claim(id, cells, "B").orElseThrow().cell());
        long silentSince = System.nanoTime();
        // B beats its cell every half second; A is silent from its claim on.
        while (System.nanoTime() - silentSince < 3_400_000_000L) {
            sweeps.beat(id, 2, "B", 1);
            Thread.sleep(500);
        }
        SweepStore.Claim taken = sweeps.claim(id, cells, "C").orElseThrow();

        assertEquals(1, taken.cell(), "A's silent cell, before the pending third");
        assertEquals(2, taken.attempts());
        assertEquals(3, sweeps.claim(id, cells, "C").orElseThrow().cell());
        assertEquals(Optional.empty(), sweeps.claim(id, cells, "D"), "B's beaten cell is not taken");
        List<SweepCellState> states = sweeps.cells(id);
        assertEquals(List.of("C", "B", "C"), states.stream().map(SweepCellState::worker).toList());
        assertEquals(3, sweeps.claimed(id, cells));
        // A, back late, can no longer fail the cell C holds.
        sweeps.failed(id, 1, "A", "late");
        assertEquals("claimed", sweeps.cells(id).get(0).status());
    }

    /** One cell per experiment key, beating every second. */
    private static List<SweepCellSpec> specs(String... keys) {
        List<SweepCellSpec> specs = new ArrayList<>();
        for (String key : keys) {
            specs.add(new SweepCellSpec("{\"k\":\"" + key + "\"}", key, 1));
        }
        return specs;
    }

    private String url(String database) throws Exception {
        return database.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("tagbench.db") : POSTGRES.newStore();
    }
}
