package org.tagbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.audio.PcmCache;
import org.tagbench.audio.PcmSource;
import org.tagbench.audio.ResampleNote;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.data.readers.DatasetIndex;
import org.tagbench.data.DatasetFingerprint;
import org.tagbench.data.DatasetReport;
import org.tagbench.data.DatasetScan;
import org.tagbench.files.AtomicFile;
import org.tagbench.files.FileFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tagbench data}: check a dataset's audio, or fill the PCM cache ahead of training. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Check a dataset's audio (data check CONFIG) or decode it into the PCM cache (data cache CONFIG).",
        subcommands = {DataCommand.Check.class, DataCommand.Cache.class})
final class DataCommand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DataCommand.class);

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name check or cache");
    }

    /** The arguments both subcommands take. */
    static final class Target {
        @Parameters(index = "0", paramLabel = "CONFIG", description = "Experiment config naming the dataset.")
        Path config;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value (repeatable).")
        List<String> overrides = new ArrayList<>();

        @Option(names = "--json", description = "Print the report as one JSON object instead of tables.")
        boolean json;

        @Option(names = "--strict", description = "Exit with code " + UserErrors.STRICT_FINDINGS
                + " when any track is missing or unreadable.")
        boolean strict;

        @Option(names = "--out", paramLabel = "DIR",
                description = "Folder for report.json and bad-files.tsv (default: RESULTS_DIR/data-check/NAME).")
        Path out;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        /**
         * Scans CONFIG's dataset through the source {@code audio} gives, fingerprints it (by its files' contents too
         * when {@code contentHash}), writes and prints the report; the exit code.
         */
        int scan(String label, Function<ExperimentConfig, PcmSource> audio, boolean contentHash) throws IOException {
            ExperimentConfig experiment = ConfigLoader.load(config, overrides);
            Path folder = out != null ? out
                    : experiment.results().dir().resolve("data-check").resolve(experiment.name());
            // Bad input fails here, in one line, before the scan rather than after it.
            Files.createDirectories(folder);
            DatasetIndex dataset = DatasetIndex.open(experiment.data(), experiment.features());
            PcmSource source = audio.apply(experiment);
            PrintWriter stdout = spec.commandLine().getOut();
            DatasetReport report = new DatasetScan(source, experiment.features().sampleRate(),
                    experiment.pipeline().threads()).run(dataset.index(), label);
            List<DatasetFingerprint> fingerprints = new ArrayList<>();
            fingerprints.add(DatasetFingerprint.bySizeAndTime(dataset.index()));
            if (contentHash) {
                fingerprints.add(DatasetFingerprint.byContent(dataset.index()));
            }
            Path badFiles = folder.resolve("bad-files.tsv");
            ObjectNode tree = ReportJson.MAPPER.createObjectNode();
            tree.set("splits", ReportJson.MAPPER.valueToTree(report.splits()));
            tree.put("bad_files", badFiles.toString());
            tree.set("fingerprints", ReportJson.MAPPER.valueToTree(fingerprints));
            write(folder.resolve("report.json"), o -> o.write(ReportJson.MAPPER.writeValueAsBytes(tree)));
            CsvMapper csv = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
            CsvSchema schema = csv.schemaFor(DatasetReport.BadTrack.class).withHeader().withColumnSeparator('\t')
                    .sortedBy("split", "id", "path", "kind", "problem");
            write(badFiles, o -> csv.writer(schema).writeValue(o, report.badTracks()));
            if (json) {
                stdout.println(ReportJson.MAPPER.writeValueAsString(tree));
            } else {
                print(stdout, dataset, fingerprints, report, badFiles);
            }
            stdout.flush();
            if (strict && report.hasProblems()) {
                spec.commandLine().getErr().println("tagbench: --strict: " + report.badTracks().size()
                        + " missing or unreadable tracks, listed in " + badFiles);
                return UserErrors.STRICT_FINDINGS;
            }
            return 0;
        }

        /** A decoder to the config's rate that says on standard error, once per source rate, what it resamples. */
        AudioDecoder decoder(ExperimentConfig experiment) {
            PrintWriter err = spec.commandLine().getErr();
            return new AudioDecoder(new ResampleNote("this config", experiment.features().sampleRate(), line -> {
                err.println(line);
                err.flush();
            }));
        }

        private static void write(Path file, AtomicFile.Contents contents) throws IOException {
            try {
                AtomicFile.write(file, contents);
            } catch (IOException e) {
                throw FileFailure.naming(file, e);
            }
        }

        private static void print(PrintWriter out, DatasetIndex dataset, List<DatasetFingerprint> fingerprints,
                                  DatasetReport report, Path badFiles) {
            out.printf("dataset %s%n", dataset.root());
            for (DatasetFingerprint f : fingerprints) {
                out.printf("fingerprint %s  dataset %s", f.method(), f.dataset());
                f.splits().forEach((split, hex) -> out.printf("  %s %s", split, hex));
                out.println();
            }
            out.printf("%-6s %9s %9s %9s %10s %9s   %s%n", "split", "tracks", "found", "missing", "unreadable",
                    "usable", "duration s (min / median / mean / max)");
            report.splits().forEach((split, s) -> out.printf(Locale.ROOT, "%-6s %9d %9d %9d %10d %9d   %s%n",
                    split, s.tracks(), s.found(), s.missing(), s.unreadable(), s.usable(),
                    s.durations() == null ? "-" : String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f",
                            s.durations().min(), s.durations().median(), s.durations().mean(),
                            s.durations().max())));
            out.printf("%npositives per tag (usable tracks)%n%-24s", "tag");
            report.splits().keySet().forEach(split -> out.printf(" %9s", split));
            out.println();
            List<String> tags = List.copyOf(report.splits().values().iterator().next().positives().keySet());
            for (String tag : tags) {
                out.printf("%-24s", tag);
                report.splits().values().forEach(s -> out.printf(" %9d", s.positives().get(tag)));
                out.println();
            }
            for (Map.Entry<String, DatasetReport.SplitReport> e : report.splits().entrySet()) {
                if (!e.getValue().tagsWithoutPositives().isEmpty()) {
                    out.printf("%s: tags without positives: %s%n", e.getKey(),
                            String.join(", ", e.getValue().tagsWithoutPositives()));
                }
            }
            out.printf("%d missing or unreadable tracks%s%n", report.badTracks().size(),
                    report.hasProblems() ? ", listed in " + badFiles : "");
        }
    }

    /** {@code data check}: decode every track with the real decoder and report. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Decode every track of CONFIG's dataset in parallel and report, per split, what is found, "
                    + "missing or unreadable, durations and positives per tag, and the dataset's fingerprint (track "
                    + "ids, labels, each file's size and modification time) that runs record.")
    static final class Check implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--hash", description = "Also fingerprint the dataset by the SHA-256 of each file's contents "
                + "(reads every file; equal on any machine holding the same data).")
        boolean hash;

        @Override
        public Integer call() throws IOException {
            return target.scan("checking", experiment -> PcmSource.decoding(target.decoder(experiment)), hash);
        }
    }

    /** {@code data cache}: fill the PCM cache for every track. */
    @Command(name = "cache", mixinStandardHelpOptions = true,
            description = "Decode every track of CONFIG's dataset once into the PCM cache (resumes where an "
                    + "interrupted build stopped) and report like data check.")
    static final class Cache implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() throws IOException {
            return target.scan("caching", experiment -> {
                PcmCache cache = PcmCache.of(experiment.pipeline(), target.decoder(experiment),
                        experiment.features().sampleRate());
                LOG.info("PCM cache {}", cache.folder());
                return cache;
            }, false);
        }
    }

    /** Made on first use: picocli builds every command at start-up, and a mapper costs a short command time. */
    private static final class ReportJson {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }
}
