package org.tagbench.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.tagbench.config.ConfigException;
import org.tagbench.results.ResultsStore;
import org.tagbench.results.SweepCellState;
import org.tagbench.results.SweepStore;
import org.tagbench.sweep.ExperimentFile;
import org.tagbench.sweep.SweepCell;
import org.tagbench.sweep.SweepWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tagbench sweep EXPERIMENT}: run every cell of an experiment file's grid, resumably, by one or many workers. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run every cell of the grid of EXPERIMENT (YAML or JSON: name, base or config, grid), each cell"
                + " a run recorded in the results store. All cells are checked before the first trains. Cells already"
                + " finished are skipped and an interrupted cell goes on from its checkpoint, so the same command run"
                + " again after a crash or a kill finishes the sweep with nothing trained twice; failed cells are"
                + " tried again. Ends with a table of the cells; exit code 1 if a cell failed.",
                "With --worker, one of many workers (on this machine or others, against one PostgreSQL"
                        + " results.url): it claims cells one at a time, takes over a cell whose worker has been silent"
                        + " for 3 heartbeats (results.heartbeat_seconds), and does not retry failed cells."})
final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "Experiment file (.yaml, .yml or .json).")
    private Path experiment;

    @Option(names = "--worker", description = "Work as one of many workers on the sweep (see above).")
    private boolean worker;

    @Option(names = "--dry-run", description = "List the cells (overrides, status, run id and test ROC-AUC when done)"
            + " and train nothing.")
    private boolean dryRun;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value of every cell by dotted"
            + " path, e.g. --set results.url=jdbc:postgresql://db/tagbench?user=me (repeatable).")
    private List<String> settings = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    private Thread hook;

    @Override
    public Integer call() throws Exception {
        ExperimentFile file = ExperimentFile.read(experiment);
        List<SweepCell> cells = file.cells(settings);
        String url = storeUrl(file, cells);
        PrintStream out = System.out;
        if (dryRun) {
            out.printf("sweep %s: %d cells in %s; store %s%n", file.name(), cells.size(), experiment, url);
            table(out, cells, stored(url, file.name()));
            return 0;
        }
        long begin = System.nanoTime();
        SweepWorker work = new SweepWorker(file, cells, ResultsStore.open(url), out);
        work.record();
        if (!worker) {
            int retried = work.retryFailed();
            if (retried > 0) {
                out.printf("sweep %s: trying %d failed cells again%n", file.name(), retried);
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        work.work(release -> arm(release, err), this::disarm);
        List<SweepCellState> states = work.states();
        Map<String, SweepCellState> byKey = new HashMap<>();
        states.forEach(s -> byKey.put(s.experimentKey(), s));
        if (!worker) {
            table(out, cells, byKey);
        }
        long failed = states.stream().filter(s -> s.status().equals("failed")).count();
        out.printf("sweep %s: %d of %d cells finished, %d failed; %s%n", file.name(),
                states.stream().filter(s -> s.status().equals("finished")).count(), cells.size(), failed,
                work.cost(System.nanoTime() - begin));
        return failed > 0 ? UserErrors.FAILURE : 0;
    }

    /** The one store every cell records into. */
    private String storeUrl(ExperimentFile file, List<SweepCell> cells) {
        List<String> urls = cells.stream().map(c -> c.config().results().storeUrl()).distinct().toList();
        if (urls.size() > 1) {
            throw new ConfigException(file.file() + ": grid", "the cells record into " + urls.size() + " results"
                    + " stores (" + String.join(", ", urls) + "); expected one, which holds the sweep");
        }
        return urls.get(0);
    }

    /** The stored state of each cell of sweep {@code name} by experiment key; empty for a sweep not yet recorded. */
    private static Map<String, SweepCellState> stored(String url, String name) {
        Map<String, SweepCellState> byKey = new HashMap<>();
        ResultsStore.ifExists(url).map(SweepStore::new).ifPresent(sweeps -> sweeps.id(name).ifPresent(
                sweep -> sweeps.cells(sweep).forEach(c -> byKey.put(c.experimentKey(), c))));
        return byKey;
    }

    /** One line per cell: number, overrides, status, run id, test ROC-AUC, then the count of each status. */
    private static void table(PrintStream out, List<SweepCell> cells, Map<String, SweepCellState> stored) {
        int width = Math.max("overrides".length(), cells.stream().mapToInt(c -> c.overrides().length()).max()
                .orElse(0));
        String row = "%4s  %-" + width + "s  %-8s  %6s  %s";
        out.println(String.format(Locale.ROOT, row, "cell", "overrides", "status", "run", "test ROC-AUC"));
        Map<String, Integer> counts = new TreeMap<>();
        for (SweepCell cell : cells) {
            SweepCellState state = stored.get(cell.experimentKey());
            String status = state == null ? "new" : state.status();
            counts.merge(status, 1, Integer::sum);
            String run = state == null || state.runId() == null ? "" : String.valueOf(state.runId());
            String auc = state == null || Double.isNaN(state.testRocAuc()) ? ""
                    : String.format(Locale.ROOT, "%.4f", state.testRocAuc());
            if (state != null && state.error() != null) {
                auc = state.error();
            }
            out.println(String.format(Locale.ROOT, row, cell.position(), cell.overrides(), status, run, auc)
                    .stripTrailing());
        }
        out.println(counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")));
    }

    /**
     * Until {@link #disarm()}, a SIGINT or SIGTERM runs {@code release} (the run marked interrupted, the cell given
     * back) and prints the command that goes on with the sweep.
     */
    private void arm(Runnable release, PrintWriter err) {
        String command = "tagbench sweep " + ResumeHint.shellWord(experiment.toString()) + (worker ? " --worker" : "");
        hook = new Thread(() -> {
            release.run();
            err.println((System.console() != null ? System.lineSeparator() : "")
                    + "interrupted; continue with: " + command);
            err.flush();
        }, "tagbench-sweep-hint");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void disarm() {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is going down: the hook has run or is running.
        }
        hook = null;
    }
}
