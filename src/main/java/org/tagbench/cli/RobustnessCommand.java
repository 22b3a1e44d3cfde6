package org.tagbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.experiment.Experiment;
import org.tagbench.experiment.RunModel;
import org.tagbench.export.ModelBundle;
import org.tagbench.files.AtomicFolder;
import org.tagbench.results.ResultsStore;
import org.tagbench.results.RobustnessResults;
import org.tagbench.results.RobustnessRow;
import org.tagbench.transfer.PerturbationSweep;
import org.tagbench.transfer.Robustness;
import org.tagbench.transfer.RobustnessReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tagbench robustness MODEL --perturb KEY:PARAM=V1,V2,...}: the test split under waveform perturbations. */
@Command(name = "robustness", mixinStandardHelpOptions = true,
        description = {"Evaluate a model's test split clean and under waveform perturbations at several strengths (as"
                + " Won et al. 2020), and write a table and a plot of macro ROC-AUC and PR-AUC against strength into"
                + " MODEL/robustness (or --out); a run's rows also go into its results store.",
                "Perturbations: noise:snr=DB (white noise), pink:snr=DB (pink noise), pitch:semitones=N (-12 to 12),"
                        + " stretch:rate=R (above 0, at most 4), mp3:kbps=K (an MP3 bit rate at the model's sample"
                        + " rate), gain:db=DB (-60 to 60, clipped at full scale)."})
final class RobustnessCommand implements Callable<Integer> {
    @Mixin
    private RunsCommand.Store store;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A run folder (results/<run id>) with a best model,"
            + " a run id from the store, or a model bundle's folder or .zip (its config's dataset must be at hand).")
    private String model;

    @Option(names = "--perturb", required = true, paramLabel = "KEY:PARAM=V1,V2,...",
            description = "A perturbation and its strengths, e.g. noise:snr=30,20,10,0 or pitch:semitones=-2,-1,1,2."
                    + " Repeatable.")
    private List<String> perturb = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
            description = "Seed of the noise (each track's noise also depends on its path; default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for robustness.md, .csv, .png and .svg (default: MODEL/robustness; beside a .zip).")
    private Path out;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<PerturbationSweep> sweeps = perturb.stream().map(PerturbationSweep::parse).toList();
        Path path = store.folderOf(model);
        boolean zip = Files.isRegularFile(path) && path.getFileName().toString().endsWith(".zip");
        boolean bundle = zip || ModelBundle.isBundle(path);
        Path folder = out != null ? out : zip
                ? path.resolveSibling(path.getFileName().toString().replaceFirst("\\.zip$", "") + "-robustness")
                : path.resolve(RobustnessReport.NAME);
        AtomicFolder.requireReplaceable(folder, f -> Files.isRegularFile(f.resolve(RobustnessReport.NAME + ".csv")),
                "an earlier robustness report");
        ModelBundle read = bundle ? (zip ? ModelBundle.readZip(path) : ModelBundle.read(path)) : null;
        List<RobustnessRow> rows;
        ExperimentConfig config;
        try (Loaded loaded = new Loaded(bundle ? read.model() : Experiment.bestModel(path, "MODEL"))) {
            config = loaded.model().config();
            sweeps.forEach(s -> s.check(config.features().sampleRate()));
            rows = new Robustness(loaded.model(), seed, spec.commandLine().getErr()::println).evaluate(sweeps);
        }
        RobustnessReport.write(folder, rows);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(RobustnessReport.table(rows).markdown());
        stdout.println("wrote " + folder.resolve(RobustnessReport.NAME + ".md") + ", .csv, .png and .svg");
        stdout.println(record(config.results().storeUrl(), path, read, rows));
        return 0;
    }

    /** Records the rows for the model's run in the store at {@code url}; says where, or why not. */
    private String record(String url, Path path, ModelBundle bundle, List<RobustnessRow> rows) throws IOException {
        Optional<ResultsStore> opened = ResultsStore.ifExists(url);
        if (opened.isEmpty()) {
            return "not recorded: the results store " + url + " does not exist";
        }
        RobustnessResults results = new RobustnessResults(opened.get());
        Optional<Long> run = bundle != null ? results.runNamed(bundle.provenance().path("run_id").asText(""))
                : results.runOf(path);
        if (run.isEmpty()) {
            return "not recorded: " + url + " holds no run of this model";
        }
        results.record(run.get(), seed, rows);
        return "recorded for run " + run.get() + " in " + url;
    }

    /** A loaded model whose network is closed with it. */
    private record Loaded(RunModel model) implements AutoCloseable {
        @Override
        public void close() {
            model.network().close();
        }
    }
}
