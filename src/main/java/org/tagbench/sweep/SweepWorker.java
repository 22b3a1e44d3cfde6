package org.tagbench.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.tagbench.experiment.Experiment;
import org.tagbench.results.ResultsStore;
import org.tagbench.results.RunLog;
import org.tagbench.results.RunRecordFile;
import org.tagbench.results.StoreException;
import org.tagbench.results.StoreJson;
import org.tagbench.results.SweepCellSpec;
import org.tagbench.results.SweepCellState;
import org.tagbench.results.SweepStore;

/**
 * A sweep worker: records the sweep's cells in the store, then claims cells one at a time and runs each in this
 * process until none is left. A cell whose run an earlier claim left unfinished is resumed from its checkpoint when
 * its run folder is here, else restarted; a cell whose run already finished is only marked so. While cells that other
 * workers claimed remain, the worker waits, to take over one whose worker stops beating. A failed cell is marked with
 * its one-line error and the worker goes on.
 */
public final class SweepWorker {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final ExperimentFile file;
    private final List<SweepCell> cells;
    private final SweepStore sweeps;
    private final PrintStream out;
    private final String worker = SweepStore.worker();
    private final Map<Integer, SweepCell> byNumber = new LinkedHashMap<>();
    private long sweepId;
    private long runsAndWaitsNanos;
    private long workNanos;
    private int ran;

    /** A worker for {@code cells} of {@code file}, recording into {@code store}, reporting on {@code out}. */
    public SweepWorker(ExperimentFile file, List<SweepCell> cells, ResultsStore store, PrintStream out) {
        this.file = file;
        this.cells = List.copyOf(cells);
        this.sweeps = new SweepStore(store);
        this.out = out;
    }

    /**
     * Records the sweep and its cells (a second time, nothing new unless the grid changed) and says what it holds;
     * returns each cell's state.
     */
    public List<SweepCellState> record() {
        List<SweepCellSpec> specs = new ArrayList<>();
        for (SweepCell cell : cells) {
            specs.add(new SweepCellSpec(StoreJson.write(cell.values()), cell.experimentKey(),
                    cell.config().results().heartbeatSeconds()));
        }
        SweepStore.Recording recording = sweeps.record(file.name(), file.text(),
                StoreJson.write(file.grid().values()), specs);
        sweepId = recording.sweepId();
        for (int i = 0; i < cells.size(); i++) {
            byNumber.put(recording.cells().get(i), cells.get(i));
        }
        List<SweepCellState> all = sweeps.cells(sweepId);
        if (recording.added() == cells.size()) {
            out.printf("sweep %s: %d cells recorded in %s%n", file.name(), cells.size(), file.file());
        } else if (recording.added() > 0) {
            out.printf("sweep %s: the grid changed: %d new cells added (%d in this file)%n", file.name(),
                    recording.added(), cells.size());
        }
        long elsewhere = all.stream().filter(c -> !byNumber.containsKey(c.cell())).count();
        if (elsewhere > 0) {
            out.printf("sweep %s: %d cells of an earlier grid are not in this file and are left as they are%n",
                    file.name(), elsewhere);
        }
        return states();
    }

    /** The state of each cell of this file, in grid order. */
    public List<SweepCellState> states() {
        Map<Integer, SweepCellState> stored = new LinkedHashMap<>();
        sweeps.cells(sweepId).forEach(c -> stored.put(c.cell(), c));
        return byNumber.keySet().stream().map(stored::get).toList();
    }

    /** Makes this file's failed cells pending again, for a sweep run again after a failure; returns how many. */
    public int retryFailed() {
        return sweeps.retryFailed(sweepId, byNumber.keySet());
    }

    /**
     * Claims and runs cells until none is left to claim and none is claimed by another worker; {@code armed} hears
     * of each run as it starts (its folder locked, its row running) and {@code disarmed} when it ends.
     */
    public void work(Consumer<Runnable> armed, Runnable disarmed) throws InterruptedException {
        long begin = System.nanoTime();
        try {
            claimAndRun(armed, disarmed);
        } finally {
            workNanos += System.nanoTime() - begin;
        }
    }

    private void claimAndRun(Consumer<Runnable> armed, Runnable disarmed) throws InterruptedException {
        boolean waiting = false;
        while (true) {
            Optional<SweepStore.Claim> claim = sweeps.claim(sweepId, byNumber.keySet(), worker);
            if (claim.isEmpty()) {
                int others = sweeps.claimed(sweepId, byNumber.keySet());
                if (others == 0) {
                    return;
                }
                if (!waiting) {
                    out.printf("waiting: %d cells claimed by other workers (a cell whose worker is silent for %d"
                            + " heartbeats is taken over)%n", others,
                            SweepStore.GRACE_BEATS);
                    waiting = true;
                }
                long sleep = System.nanoTime();
                Thread.sleep(Duration.ofSeconds(1).toMillis());
                // Waiting for other workers' cells is not this worker's cost.
                runsAndWaitsNanos += System.nanoTime() - sleep;
                continue;
            }
            waiting = false;
            run(claim.get(), armed, disarmed);
        }
    }

    /**
     * What the sweep cost beyond its runs, of {@code totalNanos} from opening the store to now: the time outside the
     * runs (and outside waits for other workers' cells) while claiming and ending cells, per cell run here, and the
     * rest (opening the store, recording the sweep).
     */
    public String cost(long totalNanos) {
        double perCell = ran == 0 ? 0.0 : (workNanos - runsAndWaitsNanos) / (double) NANOS_PER_SECOND / ran;
        return String.format(Locale.ROOT, "%d cells run here in %.1f s; beyond the runs %.3f s per cell and %.3f s"
                + " to open the store and record the sweep", ran, totalNanos / (double) NANOS_PER_SECOND, perCell,
                (totalNanos - workNanos) / (double) NANOS_PER_SECOND);
    }

    private void run(SweepStore.Claim claim, Consumer<Runnable> armed, Runnable disarmed) {
        SweepCell cell = byNumber.get(claim.cell());
        out.printf("cell %d of %d (%s), ETA %s%n", cell.position(), cells.size(), cell.shortOverrides(), eta());
        AtomicReference<RunLog> live = new AtomicReference<>();
        Consumer<RunLog> started = log -> {
            live.set(log);
            sweeps.started(sweepId, claim.cell(), log.id());
            armed.accept(() -> {
                log.interrupted();
                sweeps.release(sweepId, claim.cell(), worker);
            });
        };
        try (CellHeartbeat beat = CellHeartbeat.start(sweeps, sweepId, claim.cell(), worker,
                cell.config().results().heartbeatSeconds())) {
            Optional<SweepStore.RunPlace> earlier = claim.runId() == null ? Optional.empty()
                    : sweeps.run(claim.runId());
            if (earlier.isPresent() && earlier.get().finished()) {
                out.printf("cell %d: its run %d finished before its worker stopped%n", cell.position(),
                        claim.runId());
                sweeps.finished(sweepId, claim.cell(), claim.runId());
                return;
            }
            Optional<Path> folder = earlier.map(SweepStore.RunPlace::folder).filter(SweepWorker::resumable);
            if (folder.isPresent()) {
                out.printf("cell %d: resuming run %d in %s (attempt %d)%n", cell.position(), claim.runId(),
                        folder.get(), claim.attempts());
            } else if (claim.runId() != null) {
                out.printf("cell %d: run %d's folder is not here; starting the cell again%n", cell.position(),
                        claim.runId());
            }
            long begin = System.nanoTime();
            try {
                if (folder.isPresent()) {
                    Experiment.resume(folder.get(), List.of(), out, started);
                } else {
                    new Experiment(cell.config(), out).run(cell.runName(), started);
                }
            } finally {
                runsAndWaitsNanos += System.nanoTime() - begin;
                ran++;
            }
            sweeps.finished(sweepId, claim.cell(), live.get().id());
        } catch (StoreException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String line = RunLog.oneLine(e);
            out.printf("cell %d of %d failed: %s%n", cell.position(), cells.size(), line);
            sweeps.failed(sweepId, claim.cell(), worker, line);
        } finally {
            disarmed.run();
        }
    }

    /** A run folder this worker can go on with: here, and not finished. */
    private static boolean resumable(Path folder) {
        return Files.isRegularFile(folder.resolve(Experiment.CONFIG_FILE))
                && !Files.exists(folder.resolve(RunRecordFile.FILE_NAME));
    }

    /**
     * Time left: the mean time of the cells finished so far, times the cells left, shared by the workers that hold a
     * claim now (this one included).
     */
    private String eta() {
        List<SweepCellState> states = states();
        double mean = states.stream().filter(c -> c.status().equals("finished") && !Double.isNaN(c.seconds()))
                .mapToDouble(SweepCellState::seconds).average().orElse(Double.NaN);
        long left = states.stream().filter(c -> !c.status().equals("finished") && !c.status().equals("failed"))
                .count();
        long workers = Math.max(1, states.stream().filter(c -> c.status().equals("claimed")).count());
        return Double.isNaN(mean) ? "unknown until a cell finishes" : duration(mean * left / workers);
    }

    /** {@code seconds} for a person: {@code 45 s}, {@code 12 min}, {@code 3 h 20 min}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        long minutes = Math.round(seconds / 60);
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
    }
}
