package org.tagbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.tagbench.audio.AudioException;
import org.tagbench.bench.CompareBenchmark;
import org.tagbench.bench.CompareReportBenchmark;
import org.tagbench.bench.DecodeBenchmark;
import org.tagbench.bench.MelBenchmark;
import org.tagbench.bench.MetricsBenchmark;
import org.tagbench.bench.PredictBenchmark;
import org.tagbench.bench.PipelineBenchmark;
import org.tagbench.bench.StepBenchmark;
import org.tagbench.bench.StepReport;
import org.tagbench.bench.StoreBenchmark;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.EngineName;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.ParameterBudget;
import org.tagbench.model.Architecture;
import org.tagbench.engine.Engine;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.StepMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tagbench bench}: throughput of the audio front end, the input pipeline, training steps and metrics, for
 * docs/benchmarks.md (scripts/bench_frontend.sh, bench_pipeline.sh, bench_engines.sh). Parses the options and
 * runs the {@code org.tagbench.bench} benchmark they name.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput: decoding (bench decode FILES), mel spectrograms (bench mel), the input "
                + "pipeline beside training steps (bench pipeline FILES), one network's training step and peak "
                + "memory (bench step), the metrics (bench metrics), a comparison's significance statistics (bench "
                + "compare), or keeping a run's scores in the results store (bench store CONFIG).",
        subcommands = {BenchCommand.Decode.class, BenchCommand.Mel.class, BenchCommand.Pipeline.class,
                BenchCommand.Step.class, BenchCommand.Metrics.class, BenchCommand.Compare.class,
                BenchCommand.Store.class, BenchCommand.Predict.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "name decode, mel, pipeline, step, metrics, compare, store or predict");
    }

    /** The engine an {@code --engine} value names, or a config error naming the option. */
    private static Engine engine(String value) {
        for (EngineName candidate : EngineName.values()) {
            if (candidate.configName().equalsIgnoreCase(value)) {
                return Engine.named(candidate);
            }
        }
        throw new ConfigException("--engine", value + " is not an engine (expected "
                + Arrays.stream(EngineName.values()).map(EngineName::configName).collect(Collectors.joining(" or "))
                + ")");
    }

    private static void requireAtLeast(String option, int value, int least) {
        if (value < least) {
            throw new ConfigException(option, value + " is too small (expected " + least + " or more)");
        }
    }

    private static void requirePositive(String option, double value) {
        if (!(value > 0)) {
            throw new ConfigException(option, value + " is not a length (expected seconds > 0)");
        }
    }

    /** Decodes and resamples audio files, on one thread and on all cores. */
    @Command(name = "decode", mixinStandardHelpOptions = true, description = "Decode FILES to mono at --sr Hz.")
    static final class Decode implements Callable<Integer> {
        @Spec
        private CommandSpec command;

        @Parameters(paramLabel = "FILES", arity = "1..*", description = "Audio files (e.g. 30 s MP3s).")
        private List<Path> files;

        @Option(names = "--sr", defaultValue = "12000", description = "Output sample rate (default ${DEFAULT-VALUE}).")
        private int sampleRate;

        @Override
        public Integer call() throws AudioException {
            PrintWriter out = command.commandLine().getOut();
            requireAtLeast("--sr", sampleRate, 1);
            new DecodeBenchmark(files, sampleRate).run(out);
            return 0;
        }
    }

    /** Log-mel of noise clips: the CPU path on one thread and on all cores, and engines' device paths. */
    @Command(name = "mel", mixinStandardHelpOptions = true,
            description = "Log-mel of --clips noise clips of --seconds at the default feature settings.")
    static final class Mel implements Callable<Integer> {
        @Spec
        private CommandSpec command;

        @Option(names = "--clips", defaultValue = "64", description = "Clips per measurement (default ${DEFAULT-VALUE}).")
        private int clips;

        @Option(names = "--seconds", defaultValue = "29.12", description = "Clip length (default ${DEFAULT-VALUE}).")
        private double seconds;

        @Option(names = "--batch", defaultValue = "16", description = "Device-path batch (default ${DEFAULT-VALUE}).")
        private int batch;

        @Option(names = "--engine", paramLabel = "E", split = ",", defaultValue = "pytorch",
                description = "Engines whose device paths are measured, e.g. pytorch,dl4j (default ${DEFAULT-VALUE}).")
        private List<String> engines;

        @Override
        public Integer call() {
            PrintWriter out = command.commandLine().getOut();
            requireAtLeast("--clips", clips, 1);
            requirePositive("--seconds", seconds);
            requireAtLeast("--batch", batch, 1);
            FeatureConfig features = ConfigLoader.features(null, List.of());
            new MelBenchmark(features, clips, seconds, batch, engines.stream().map(BenchCommand::engine).toList())
                    .run(out);
            return 0;
        }
    }

    /** The input pipeline's training-epoch throughput beside the training steps of each architecture. */
    @Command(name = "pipeline", mixinStandardHelpOptions = true,
            description = "Training-epoch throughput of the input pipeline over FILES (decoding every epoch, "
                    + "building the PCM cache, reading it) and of training steps per architecture, in clips/s.")
    static final class Pipeline implements Callable<Integer> {
        @Spec
        private CommandSpec command;

        @Parameters(paramLabel = "FILES", arity = "1..*", description = "Audio files (e.g. 30 s MP3s).")
        private List<Path> files;

        @Option(names = "--chunk-seconds", defaultValue = "3", description = "Crop length (default ${DEFAULT-VALUE}).")
        private double chunkSeconds;

        @Option(names = "--batch", defaultValue = "16", description = "Batch size (default ${DEFAULT-VALUE}).")
        private int batch;

        @Option(names = "--workers", defaultValue = "0", description = "Input workers, 0 = cores (default ${DEFAULT-VALUE}).")
        private int workers;

        @Option(names = "--params", defaultValue = "100k", description = "Parameter budget (default ${DEFAULT-VALUE}).")
        private String params;

        @Option(names = "--steps", defaultValue = "5", description = "Timed training steps (default ${DEFAULT-VALUE}).")
        private int steps;

        @Option(names = "--engine", paramLabel = "E", defaultValue = "pytorch",
                description = "Engine of the training steps: pytorch or dl4j (default ${DEFAULT-VALUE}, as for "
                        + "training).")
        private String engine;

        @Option(names = "--cache-dir", description = "PCM cache folder (default: a temporary folder, deleted after).")
        private Path cacheDir;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = command.commandLine().getOut();
            requirePositive("--chunk-seconds", chunkSeconds);
            requireAtLeast("--batch", batch, 1);
            requireAtLeast("--workers", workers, 0);
            requireAtLeast("--steps", steps, 1);
            Engine chosen = engine(engine);
            FeatureConfig features = ConfigLoader.features(null, List.of());
            List<ModelSpec> networks;
            try {
                long budget = ParameterBudget.parse("--params", params);
                networks = PipelineBenchmark.networks(features, chunkSeconds, budget);
                for (ModelSpec spec : networks) {
                    StepMemory.of(spec, batch).requireWithin(StepMemory.machineBytes(), budget, batch);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--params", e.getMessage());
            }
            new PipelineBenchmark(files, features, chunkSeconds, batch, workers, cacheDir, networks, steps, chosen)
                    .run(out);
            return 0;
        }
    }

    /** One network's training step on one engine and the process's peak resident memory. */
    @Command(name = "step", mixinStandardHelpOptions = true,
            description = "Time --steps training steps of a network (after --warmup untimed ones) on a fixed random "
                    + "batch; print the median and mean step, the trainable parameters and the peak RSS.")
    static final class Step implements Callable<Integer> {
        @Spec
        private CommandSpec command;

        @Mixin
        private ModelOptions model;

        @Option(names = "--engine", paramLabel = "E", defaultValue = "pytorch",
                description = "Engine: pytorch or dl4j (default ${DEFAULT-VALUE}, as for training).")
        private String engine;

        @Option(names = "--batch", defaultValue = "16", description = "Batch size (default ${DEFAULT-VALUE}).")
        private int batch;

        @Option(names = "--steps", defaultValue = "5", description = "Timed steps (default ${DEFAULT-VALUE}).")
        private int steps;

        @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
        private int warmup;

        @Option(names = "--json", description = "Print one JSON object instead of text.")
        private boolean json;

        @Override
        public Integer call() {
            PrintWriter out = command.commandLine().getOut();
            Engine chosen = engine(engine);
            requireAtLeast("--batch", batch, 1);
            requireAtLeast("--steps", steps, 1);
            requireAtLeast("--warmup", warmup, 0);
            StepReport report = new StepBenchmark(chosen, model.trainable(batch), batch, warmup, steps).run();
            out.println(json ? report.json() : report.text());
            out.flush();
            return 0;
        }
    }

    /** Time to compute every tag's ROC-AUC and PR-AUC, macro and micro, for a random score matrix. */
    @Command(name = "metrics", mixinStandardHelpOptions = true,
            description = "Seconds to compute the full metrics report for --tracks x --tags random scores.")
    static final class Metrics implements Callable<Integer> {
        @Spec
        private CommandSpec command;

        @Option(names = "--tracks", defaultValue = "30000", description = "Tracks (default ${DEFAULT-VALUE}).")
        private int tracks;

        @Option(names = "--tags", defaultValue = "50", description = "Tags (default ${DEFAULT-VALUE}).")
        private int tags;

        @Option(names = "--repeats", defaultValue = "5", description = "Timed repeats (default ${DEFAULT-VALUE}).")
        private int repeats;

        @Override
        public Integer call() {
            PrintWriter out = command.commandLine().getOut();
            requireAtLeast("--tracks", tracks, 1);
            requireAtLeast("--tags", tags, 1);
            requireAtLeast("--repeats", repeats, 1);
            new MetricsBenchmark(tracks, tags, repeats).run(out);
            return 0;
        }
    }

    /** The size of a benchmark's random score matrix, the MSD test split's by default, and its timed repeats. */
    static final class ScoreMatrixSize {
        @Option(names = "--tracks", defaultValue = "28000", description = "Tracks (default ${DEFAULT-VALUE}).")
        private int tracks;

        @Option(names = "--tags", defaultValue = "50", description = "Tags (default ${DEFAULT-VALUE}).")
        private int tags;

        @Option(names = "--repeats", defaultValue = "3", description = "Timed repeats (default ${DEFAULT-VALUE}).")
        private int repeats;

        /** Refuses a count below one, naming its option. */
        void check() {
            requireAtLeast("--tracks", tracks, 1);
            requireAtLeast("--tags", tags, 1);
            requireAtLeast("--repeats", repeats, 1);
        }
    }

    /** Time of the significance statistics (DeLong, Holm, paired bootstrap) for one pair of random runs. */
    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Seconds of DeLong's test per tag with Holm's correction and the paired bootstrap of the"
                    + " macro ROC-AUC and PR-AUC for one pair of runs of --tracks x --tags random scores; with"
                    + " --runs N, seconds of `tagbench compare` of N recorded runs end to end.")
    static final class Compare implements Callable<Integer> {
        @Spec
        private CommandSpec command;

        @Mixin
        private ScoreMatrixSize size;

        @Option(names = "--resamples", defaultValue = "1000",
                description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
        private int resamples;

        @Option(names = "--runs", paramLabel = "N", description = "Instead of one pair: record N finished runs in a"
                + " new SQLite store in a temp folder and time `tagbench compare` of them end to end.")
        private Integer runs;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = command.commandLine().getOut();
            size.check();
            requireAtLeast("--resamples", resamples, 1);
            if (runs != null) {
                requireAtLeast("--runs", runs, 1);
                new CompareReportBenchmark(runs, size.tracks, size.tags, resamples, size.repeats).run(out);
            } else {
                new CompareBenchmark(size.tracks, size.tags, resamples, size.repeats).run(out);
            }
            return 0;
        }
    }

    /** Writes a run's test score files and registers them in a results store, as a run does when it ends. */
    @Command(name = "store", mixinStandardHelpOptions = true,
            description = "Write a run's test score files (--tracks x --tags, with their SHA-256) and register them"
                    + " in a new SQLite results store, as a run does when it ends; CONFIG fills the run's row.")
    static final class Store implements Callable<Integer> {
        @Spec
        private CommandSpec command;

        @Parameters(index = "0", paramLabel = "CONFIG", description = "A run config (e.g. configs/quickstart.yaml).")
        private Path config;

        @Mixin
        private ScoreMatrixSize size;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = command.commandLine().getOut();
            size.check();
            new StoreBenchmark(ConfigLoader.load(config, List.of()), size.tracks, size.tags, size.repeats).run(out);
            return 0;
        }
    }

    /** {@code tagbench predict} on generated 30 s tracks: tracks per second per architecture, and peak memory. */
    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "Time `tagbench predict` (decoding included) on generated 30 s tracks, per architecture at"
                    + " a budget, on all cores; print tracks/s and the peak resident memory.")
    static final class Predict implements Callable<Integer> {
        @Spec
        private CommandSpec command;

        @Option(names = "--arch", split = ",", defaultValue = "k2c2", paramLabel = "A[,A...]",
                description = "Architectures (default ${DEFAULT-VALUE}).")
        private List<String> archs;

        @Option(names = "--params", defaultValue = "1M", description = "Parameter budget (default ${DEFAULT-VALUE}).")
        private String params;

        @Option(names = "--tracks", defaultValue = "100",
                description = "30 s tracks, 10 or more (default ${DEFAULT-VALUE}).")
        private int tracks;

        @Option(names = "--chunk-seconds", defaultValue = "29.12",
                description = "The model's chunk (default ${DEFAULT-VALUE}, the paper's centre crop).")
        private double chunkSeconds;

        @Option(names = "--chunks", defaultValue = "1", description = "Chunks per track (default ${DEFAULT-VALUE}).")
        private int chunks;

        @Option(names = "--engine", paramLabel = "E", defaultValue = "pytorch",
                description = "pytorch or dl4j (default ${DEFAULT-VALUE}).")
        private String engine;

        @Option(names = "--model-format", paramLabel = "F", defaultValue = "run",
                description = "What predict is given: run (a run folder), bundle (its export) or onnx (its"
                        + " model.onnx, on ONNX Runtime; the engine only builds the weights) (default"
                        + " ${DEFAULT-VALUE}).")
        private String modelFormat;

        @Override
        public Integer call() throws Exception {
            PredictBenchmark.ModelFormat format = PredictBenchmark.ModelFormat.named(modelFormat, "--model-format");
            requireAtLeast("--tracks", tracks, 10);
            requireAtLeast("--chunks", chunks, 1);
            List<Architecture> chosen = archs.stream().map(a -> Architecture.byName(a).orElseThrow(() ->
                    new ConfigException("--arch", a + " is not an architecture (known: " + Architecture.knownNames()
                            + ")"))).toList();
            new PredictBenchmark(chosen, ParameterBudget.parse("--params", params), tracks, chunkSeconds, chunks,
                    engine(engine).name(), format).run(command.commandLine().getOut());
            return 0;
        }
    }
}
