package org.tagbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ResultsConfig;
import org.tagbench.export.ModelBundle;
import org.tagbench.files.AtomicFolder;
import org.tagbench.frontend.FrontEndWeights;
import org.tagbench.report.DftBasisPlot;
import org.tagbench.report.Figure;
import org.tagbench.report.FilterbankPlot;
import org.tagbench.results.FinishedRuns;
import org.tagbench.results.ResultsStore;
import org.tagbench.results.RunFilter;
import org.tagbench.results.RunImport;
import org.tagbench.results.RunSummary;
import org.tagbench.results.StoredRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tagbench runs}: the runs of a results store, listed, shown whole, imported from run folders, removed. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"List the runs of the results store: id, experiment, architecture, budget, exact parameters,"
                + " engine, seed, status (running, stale: running without a recent heartbeat, finished, failed,"
                + " interrupted), best epoch, test ROC-AUC and PR-AUC (macro) and training time."},
        subcommands = {RunsCommand.Show.class, RunsCommand.Import.class, RunsCommand.Remove.class})
final class RunsCommand implements Callable<Integer> {

    /** The {@code --url} option every runs command takes. */
    static final class Store {
        @Option(names = "--url", paramLabel = "JDBC_URL", description = "The results store (default: "
                + "jdbc:sqlite:results/" + ResultsConfig.STORE_FILE + ", that of the default results.dir).")
        private String url;

        String url() {
            return url != null ? ResultsConfig.checkUrl("--url", url)
                    : "jdbc:sqlite:" + Path.of("results", ResultsConfig.STORE_FILE);
        }

        /**
         * {@code run} as a path: a folder or file as given, or, for a number that names neither, the folder this
         * store recorded for the run of that id.
         */
        Path folderOf(String run) {
            Path path = Path.of(run);
            if (Files.exists(path) || !run.matches("[0-9]+")) {
                return path;
            }
            return new FinishedRuns(ResultsStore.existing(url())).byIds(List.of(Long.parseLong(run))).get(0)
                    .folder();
        }
    }

    @Mixin
    private Store store;

    @Option(names = "--experiment", paramLabel = "X", description = "Only runs of experiment X (its name or key).")
    private String experiment;

    @Option(names = "--status", paramLabel = "S", description = "Only runs of status S (running, stale, finished,"
            + " failed, interrupted).")
    private String status;

    @Option(names = "--where", paramLabel = "KEY=VALUE", description = {"Only runs whose KEY is VALUE: a dotted config"
            + " key (model.params=250000, training.optimizer.lr=1e-3; numbers compare as numbers) or a run column"
            + " (arch, engine, seed, host, experiment_key, ...). Repeatable."})
    private List<String> where = new ArrayList<>();

    @Option(names = "--json", description = "Print a JSON array instead of the table.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RunFilter filter = new RunFilter(experiment, status, where);
        List<RunSummary> runs = new StoredRuns(ResultsStore.existing(store.url())).list(filter);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(PrintedJson.MAPPER.writeValueAsString(runs));
        } else {
            out.print(table(runs));
        }
        out.flush();
        return 0;
    }

    /**
     * The runs as a text table, one line each under a header. Rows are padded by hand: {@link String#format} parses
     * its pattern on every call, which made formatting 10,000 rows cost more than reading them.
     */
    static String table(List<RunSummary> runs) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%6s  %-20s  %-5s  %9s  %9s  %-7s  %6s  %-11s  %4s  %7s  %7s  %9s%n", "id", "experiment", "arch",
                "budget", "params", "engine", "seed", "status", "best", "ROC-AUC", "PR-AUC", "train s"));
        for (RunSummary r : runs) {
            right(table, Long.toString(r.id()), 6);
            left(table, r.experiment(), 20);
            left(table, r.arch(), 5);
            right(table, grouped(r.budget()), 9);
            right(table, r.params() == null ? "-" : grouped(r.params()), 9);
            left(table, r.engine(), 7);
            right(table, Long.toString(r.seed()), 6);
            left(table, r.status(), 11);
            right(table, r.bestEpoch() == null ? "-" : r.bestEpoch().toString(), 4);
            right(table, decimals(r.testRocAuc(), 4), 7);
            right(table, decimals(r.testPrAuc(), 4), 7);
            right(table, decimals(r.trainingSeconds(), 1), 9);
            table.setLength(table.length() - 2);
            table.append(System.lineSeparator());
        }
        return table.toString();
    }

    /** {@code text} left-aligned in {@code width} characters (longer text is kept whole), then the column gap. */
    private static void left(StringBuilder line, String text, int width) {
        line.append(text).append(" ".repeat(Math.max(0, width - text.length()))).append("  ");
    }

    /** {@code text} right-aligned in {@code width} characters (longer text is kept whole), then the column gap. */
    private static void right(StringBuilder line, String text, int width) {
        line.append(" ".repeat(Math.max(0, width - text.length()))).append(text).append("  ");
    }

    /** {@code count} with a comma between groups of three digits, as {@code %,d} writes it. */
    static String grouped(long count) {
        String digits = Long.toString(Math.abs(count));
        StringBuilder text = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (count < 0) {
            text.append('-');
        }
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                text.append(',');
            }
            text.append(digits.charAt(i));
        }
        return text.toString();
    }

    /** {@code value} with {@code places} decimals, rounded as {@code %.Nf} rounds it; "-" for NaN. */
    static String decimals(double value, int places) {
        if (Double.isNaN(value)) {
            return "-";
        }
        // Formatter rounds the shortest decimal form of the double (Double.toString's digits) half up; done here on
        // those digits, which is several times cheaper than through BigDecimal for 10,000 rows.
        String shortest = Double.toString(value);
        int dot = shortest.indexOf('.');
        if (value < 0 || dot < 0 || shortest.indexOf('E') >= 0) {
            return new BigDecimal(shortest).setScale(places, RoundingMode.HALF_UP).toPlainString();
        }
        char[] digits = new char[dot + places + 1];
        shortest.getChars(0, dot, digits, 1);
        for (int i = 0; i < places; i++) {
            int at = dot + 1 + i;
            digits[dot + 1 + i] = at < shortest.length() ? shortest.charAt(at) : '0';
        }
        digits[0] = '0';
        int next = dot + 1 + places;
        if (next < shortest.length() && shortest.charAt(next) >= '5') {
            int i = digits.length - 1;
            while (digits[i] == '9') {
                digits[i--] = '0';
            }
            digits[i]++;
        }
        int first = digits[0] == '0' && dot > 0 ? 1 : 0;
        StringBuilder text = new StringBuilder(digits.length + 1).append(digits, first, dot + 1 - first);
        return (places > 0 ? text.append('.').append(digits, dot + 1, places) : text).toString();
    }

    /** {@code tagbench runs show ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show one run whole: config, provenance, epochs, per-tag test metrics and artifacts.")
    static final class Show implements Callable<Integer> {
        @Mixin
        private Store store;

        @Parameters(index = "0", paramLabel = "ID", description = "The run's id (the first column of tagbench runs).")
        private long id;

        @Option(names = "--json", description = "Print one JSON object.")
        private boolean json;

        @Option(names = "--plot", description = "Also plot what the run trained in its front end: with"
                + " features.trainable, its mel filterbank before and after training (filterbank/filterbank.png and .svg in"
                + " the run folder); with features.trainable_dft as well, its DFT basis (dft_basis/dft_basis.png and"
                + " .svg): the frequency each bin answers most and how far each bin's kernels moved.")
        private boolean plot;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ObjectNode run = new StoredRuns(ResultsStore.existing(store.url())).show(id)
                    .orElseThrow(() -> new ConfigException("ID", "no run " + id + " in " + store.url()));
            if (plot && !run.path("config").path("features").path("trainable").asBoolean(false)) {
                throw new ConfigException("--plot", "run " + id + " trained no filterbank (features.trainable is"
                        + " not true), so there is nothing to plot");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? PrintedJson.MAPPER.writeValueAsString(run) : RunSheet.of(run));
            if (plot) {
                for (Path png : plotFrontEnd(run)) {
                    out.println("plotted " + png);
                }
            }
            out.flush();
            return 0;
        }

        /**
         * The trained filterbank's figure and, with {@code trainable_dft}, the DFT basis's, each written into its own
         * folder of the run folder from the best model; the PNGs' paths.
         */
        private List<Path> plotFrontEnd(ObjectNode run) throws IOException {
            Path folder = Path.of(run.path("folder").asText());
            ModelBundle model = ModelBundle.fromRun(folder);
            List<Figure> figures = new ArrayList<>(List.of(FilterbankPlot.of(model.features(),
                    model.weights().get(FrontEndWeights.MEL_FILTERBANK))));
            if (model.features().trainableDft()) {
                figures.add(DftBasisPlot.of(model.features(), model.weights().get(FrontEndWeights.DFT_BASIS)));
            }
            List<Path> written = new ArrayList<>();
            for (Figure figure : figures) {
                Path plots = folder.resolve(figure.name());
                String png = figure.name() + ".png";
                // Whole or not at all; an earlier plot of the same figure (its PNG inside) is replaced.
                AtomicFolder.write(plots, f -> Files.isRegularFile(f.resolve(png)), "an earlier " + figure.name()
                        + " plot", figure::write);
                written.add(plots.resolve(png));
            }
            return written;
        }
    }

    /** {@code tagbench runs import DIR...}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Load finished run folders (run.json and config.json) into the store, with the files run.json"
                    + " lists (size and SHA-256 as they are now; one changed or gone since is named); a run already"
                    + " there is left as it is, so importing twice adds nothing.")
    static final class Import implements Callable<Integer> {
        @Mixin
        private Store store;

        @Parameters(arity = "1..*", paramLabel = "DIR", description = "Run folders (results/<run id>).")
        private List<Path> folders;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            int added = 0;
            PrintWriter out = spec.commandLine().getOut();
            for (RunImport.Outcome outcome : new RunImport(ResultsStore.open(store.url())).importAll(folders)) {
                out.printf("%s: %s%s%n", outcome.folder(), outcome.note(),
                        outcome.id().map(id -> " (run " + id + ")").orElse(""));
                added += outcome.added() ? 1 : 0;
            }
            out.printf("%d of %d imported%n", added, folders.size());
            out.flush();
            return 0;
        }
    }

    /** {@code tagbench runs rm ID}. */
    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = "Remove a run from the store (its folder and run.json stay); asks first unless --yes.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        private Store store;

        @Parameters(index = "0", paramLabel = "ID", description = "The run's id.")
        private long id;

        @Option(names = "--yes", description = "Do not ask.")
        private boolean yes;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            StoredRuns runs = new StoredRuns(ResultsStore.existing(store.url()));
            Optional<ObjectNode> run = runs.show(id);
            if (run.isEmpty()) {
                throw new ConfigException("ID", "no run " + id + " in " + store.url());
            }
            PrintWriter out = spec.commandLine().getOut();
            JsonNode r = run.get();
            if (!yes) {
                out.printf("remove run %d (%s, %s, %s) from %s? [y/N] ", id, r.path("experiment").asText(),
                        r.path("run_name").asText(), r.path("status").asText(), store.url());
                out.flush();
                String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                    out.println("kept");
                    out.flush();
                    return 0;
                }
            }
            runs.remove(id);
            out.printf("removed run %d from %s (its folder %s stays)%n", id, store.url(), r.path("folder").asText());
            out.flush();
            return 0;
        }
    }

    /** Made on first use: picocli builds every command at start-up, and a mapper costs a short command time. */
    private static final class PrintedJson {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
