package org.tagbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.nd4j.linalg.factory.Nd4j;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.audio.AudioException;
import org.tagbench.audio.PcmCache;
import org.tagbench.audio.PcmSource;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.EngineName;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.config.ParameterBudget;
import org.tagbench.config.PipelineConfig;
import org.tagbench.data.Batch;
import org.tagbench.data.DatasetException;
import org.tagbench.data.pipeline.BatchStream;
import org.tagbench.data.pipeline.OrderedPrefetch;
import org.tagbench.data.Split;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.engine.Engine;
import org.tagbench.engine.Network;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.StepMemory;
import org.tagbench.model.WidthSolver;
import org.tagbench.engine.dl4j.DeviceMelSpectrogram;
import org.tagbench.frontend.MelSpectrogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tagbench bench}: throughput of the audio front end, the input pipeline, training steps and metrics, for
 * docs/benchmarks.md (scripts/bench_frontend.sh, bench_pipeline.sh, bench_engines.sh).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput: decoding (bench decode FILES), mel spectrograms (bench mel), the input "
                + "pipeline beside training steps (bench pipeline FILES), one network's training step and peak "
                + "memory (bench step), or the metrics (bench metrics).",
        subcommands = {BenchCommand.Decode.class, BenchCommand.Mel.class, BenchCommand.Pipeline.class,
                BenchCommand.Step.class, BenchCommand.Metrics.class})
final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "name decode, mel, pipeline, step or metrics");
    }

    /**
     * A fixed batch of {@code rows} random log-mel chunks for {@code spec} (levels around -40 dB) with about one
     * label in ten set, so that a training step sees data shaped like real input.
     */
    private static Batch randomBatch(ModelSpec spec, int rows) {
        SplittableRandom random = new SplittableRandom(1);
        float[] features = new float[rows * spec.melBands() * spec.frames()];
        float[] labels = new float[rows * spec.tags()];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) (random.nextGaussian() * 20 - 40);
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(10) == 0 ? 1f : 0f;
        }
        return new Batch(features, labels, rows);
    }

    /** Fails with a one-line error naming {@code option} unless {@code value} is at least {@code least}. */
    private static void requireAtLeast(String option, int value, int least) {
        if (value < least) {
            throw new ConfigException(option, value + " is too small (expected " + least + " or more)");
        }
    }

    /** Fails with a one-line error naming {@code option} unless {@code seconds} is above 0. */
    private static void requireSeconds(String option, double seconds) {
        if (!(seconds > 0)) {
            throw new ConfigException(option, seconds + " is not a duration (expected seconds above 0)");
        }
    }

    /** Clips per second of a task run over {@code count} items, once warmed up. */
    private static void report(String what, int count, Runnable task) {
        long start = System.nanoTime();
        task.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-64s %8.1f clips/s  (%d clips in %.2f s)%n", what, count / seconds, count,
                seconds);
    }

    /** Decodes and resamples audio files, on one thread and on all cores. */
    @Command(name = "decode", mixinStandardHelpOptions = true, description = "Decode FILES to mono at --sr Hz.")
    static final class Decode implements Callable<Integer> {
        @Parameters(paramLabel = "FILES", arity = "1..*", description = "Audio files (e.g. 30 s MP3s).")
        private List<Path> files;

        @Option(names = "--sr", defaultValue = "12000", description = "Output sample rate (default ${DEFAULT-VALUE}).")
        private int sampleRate;

        @Override
        public Integer call() throws AudioException {
            requireAtLeast("--sr", sampleRate, 1);
            AudioDecoder decoder = new AudioDecoder(sampleRate);
            decoder.decode(files.get(0));
            report("decode + resample, 1 thread", files.size(), () -> files.forEach(f -> decodeOrFail(decoder, f)));
            report("decode + resample, " + Runtime.getRuntime().availableProcessors() + " threads", files.size(),
                    () -> files.parallelStream().forEach(f -> decodeOrFail(decoder, f)));
            return 0;
        }

        private static void decodeOrFail(AudioDecoder decoder, Path file) {
            try {
                decoder.decode(file);
            } catch (AudioException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    /** Log-mel of noise clips: the CPU path on one thread and on all cores, and the device path in batches. */
    @Command(name = "mel", mixinStandardHelpOptions = true,
            description = "Log-mel of --clips noise clips of --seconds at the default feature settings.")
    static final class Mel implements Callable<Integer> {
        @Option(names = "--clips", defaultValue = "64", description = "Clips per measurement (default ${DEFAULT-VALUE}).")
        private int clips;

        @Option(names = "--seconds", defaultValue = "29.12", description = "Clip length (default ${DEFAULT-VALUE}).")
        private double seconds;

        @Option(names = "--batch", defaultValue = "16", description = "Device-path batch (default ${DEFAULT-VALUE}).")
        private int batch;

        @Override
        public Integer call() {
            requireAtLeast("--clips", clips, 1);
            requireSeconds("--seconds", seconds);
            requireAtLeast("--batch", batch, 1);
            FeatureConfig features = ConfigLoader.features(null, List.of());
            int samples = (int) Math.round(seconds * features.sampleRate());
            float[][] audio = new float[batch][samples];
            SplittableRandom random = new SplittableRandom(1);
            for (float[] clip : audio) {
                for (int i = 0; i < samples; i++) {
                    clip[i] = (float) (0.1 * random.nextGaussian());
                }
            }
            MelSpectrogram cpu = new MelSpectrogram(features);
            DeviceMelSpectrogram device = new DeviceMelSpectrogram(features);
            var signals = Nd4j.create(audio);
            cpu.compute(audio[0]);
            device.compute(signals);
            String clip = String.format(Locale.ROOT, " (%.2f s clips)", seconds);
            report("CPU path, 1 thread" + clip, clips, () -> IntStream.range(0, clips)
                    .forEach(i -> cpu.compute(audio[i % batch])));
            report("CPU path, " + Runtime.getRuntime().availableProcessors() + " threads" + clip, clips,
                    () -> IntStream.range(0, clips).parallel().forEach(i -> cpu.compute(audio[i % batch])));
            int batches = Math.max(1, clips / batch);
            report("device path (ND4J), batch " + batch + clip, batches * batch, () -> {
                for (int b = 0; b < batches; b++) {
                    device.compute(signals);
                }
            });
            return 0;
        }
    }

    /**
     * The streaming pipeline's training-epoch throughput from compressed files and from the PCM cache, beside
     * the clips per second a training step consumes for each architecture at the same input size.
     */
    @Command(name = "pipeline", mixinStandardHelpOptions = true,
            description = "Training-epoch throughput of the input pipeline over FILES (decoding every epoch, "
                    + "building the PCM cache, reading it) and of training steps per architecture, in clips/s.")
    static final class Pipeline implements Callable<Integer> {
        private static final int TAGS = 50;

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

        @Option(names = "--cache-dir", description = "PCM cache folder (default: a temporary folder, deleted after).")
        private Path cacheDir;

        @Override
        public Integer call() throws IOException {
            requireSeconds("--chunk-seconds", chunkSeconds);
            requireAtLeast("--batch", batch, 1);
            requireAtLeast("--workers", workers, 0);
            requireAtLeast("--steps", steps, 1);
            FeatureConfig features = ConfigLoader.features(null, List.of());
            PipelineConfig pipeline = new PipelineConfig(workers, 8, true, cacheDir);
            int threads = pipeline.threads();
            int rate = features.sampleRate();
            int chunk = (int) Math.round(chunkSeconds * rate);
            MelSpectrogram mel = new MelSpectrogram(features);
            List<Track> tracks = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                tracks.add(new Track("clip" + i, files.get(i), new boolean[TAGS], Split.TRAIN));
            }
            String shape = String.format(Locale.ROOT, "%.2f s crops, %d workers", chunkSeconds, threads);
            epoch("pipeline from files (decode each epoch), " + shape,
                    PcmSource.decoding(new AudioDecoder(rate)), mel, chunk, threads, tracks);
            Path folder = cacheDir != null ? cacheDir : Files.createTempDirectory("tagbench-bench-pcm");
            try {
                PcmCache cache = new PcmCache(folder, new AudioDecoder(rate), rate);
                epoch("PCM cache build (first epoch), " + shape, cache, mel, chunk, threads, tracks);
                epoch("pipeline from PCM cache, " + shape, cache, mel, chunk, threads, tracks);
            } finally {
                if (cacheDir == null) {
                    deleteTree(folder);
                }
            }
            long budget = ParameterBudget.parse("--params", params);
            for (Architecture arch : Architecture.values()) {
                trainingSteps(arch, budget, features.nMels(), mel.frames(chunk));
            }
            return 0;
        }

        private void epoch(String what, PcmSource source, MelSpectrogram mel, int chunk, int threads,
                           List<Track> tracks) {
            try (BatchStream stream = new BatchStream(mel::compute, chunk, source, threads, 8)) {
                report(what, tracks.size(), () -> {
                    try (OrderedPrefetch<Batch> batches = stream.trainingEpoch(tracks, batch, 1, 1, 0)) {
                        batches.forEachRemaining(b -> { });
                    }
                });
                List<String> unreadable = stream.skipped().bySplit().get(Split.TRAIN);
                if (!unreadable.isEmpty()) {
                    throw new DatasetException(unreadable.get(0) + (unreadable.size() > 1 ? " (and "
                            + (unreadable.size() - 1) + " more unreadable files)" : ""));
                }
            }
        }

        private void trainingSteps(Architecture arch, long budget, int melBands, int frames) {
            ModelSpec spec;
            try {
                spec = WidthSolver.solve(arch, budget, melBands, frames, TAGS);
                StepMemory.of(spec, batch).requireWithin(StepMemory.machineBytes(), budget, batch);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--params", e.getMessage());
            }
            Batch input = randomBatch(spec, batch);
            try (Network network = Engine.named(EngineName.DL4J).build(spec, OptimizerConfig.adam(1e-3), 1)) {
                network.fit(input);
                report(String.format(Locale.ROOT, "training step %s %,d params, %dx%d, batch %d", arch.configName(),
                        spec.trainableParams(), melBands, frames, batch), steps * batch, () -> {
                            for (int s = 0; s < steps; s++) {
                                network.fit(input);
                            }
                        });
            }
        }

        private static void deleteTree(Path folder) throws IOException {
            try (var paths = Files.walk(folder)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * Seconds per training step (forward, backward, Adam) of one network on one engine, on a fixed random batch,
     * and the process's peak resident memory: one configuration per process, so the peak is that configuration's
     * (scripts/bench_engines.sh runs each in a fresh JVM).
     */
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

        /** What one run measured: the engine's backend and parameter count, each timed step, the last loss. */
        private record Measured(String backend, long params, double[] seconds, double loss) {
        }

        @Override
        public Integer call() throws Exception {
            Engine chosen = Engine.named(engineName());
            requireAtLeast("--batch", batch, 1);
            requireAtLeast("--steps", steps, 1);
            requireAtLeast("--warmup", warmup, 0);
            ModelSpec network = model.trainable(batch);
            Measured measured = measure(chosen, network);
            OptionalLong peak = peakResidentBytes();
            PrintWriter out = command.commandLine().getOut();
            if (json) {
                out.println(json(chosen, network, measured, peak));
            } else {
                out.printf(Locale.ROOT, "%s %,d params, input %d x %d, %d tags, batch %d, %s%n",
                        network.arch().configName(), measured.params(), network.melBands(), network.frames(),
                        network.tags(), batch, measured.backend());
                out.printf(Locale.ROOT, "training step: median %.3f s, mean %.3f s (%d steps after %d warm-up)%n",
                        median(measured.seconds()), mean(measured.seconds()), steps, warmup);
                out.println(peak.isPresent()
                        ? String.format(Locale.ROOT, "peak RSS %.2f GB", peak.getAsLong() / 1e9)
                        : "peak RSS unknown (no /proc/self/status)");
            }
            out.flush();
            return 0;
        }

        private Measured measure(Engine chosen, ModelSpec network) {
            Batch input = randomBatch(network, batch);
            double[] seconds = new double[steps];
            double loss = Double.NaN;
            PrintStream stdout = System.out;
            // SameDiff (DL4J's GRU) prints a line per op to standard output while it builds gradients, and no
            // setting silences it: it goes to standard error, so that standard output is the report alone.
            System.setOut(System.err);
            try (Network trained = chosen.build(network, OptimizerConfig.adam(1e-3), 1)) {
                for (int i = 0; i < warmup; i++) {
                    trained.fit(input);
                }
                for (int i = 0; i < steps; i++) {
                    long start = System.nanoTime();
                    loss = trained.fit(input);
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                }
                return new Measured(chosen.backend(), trained.trainableParams(), seconds, loss);
            } finally {
                System.setOut(stdout);
            }
        }

        private String json(Engine chosen, ModelSpec network, Measured measured, OptionalLong peak)
                throws IOException {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("engine", chosen.name().configName());
            root.put("backend", measured.backend());
            root.put("arch", network.arch().configName());
            root.set("input", mapper.valueToTree(List.of(network.melBands(), network.frames())));
            root.put("tags", network.tags());
            root.set("widths", mapper.valueToTree(network.widths()));
            root.put("params", measured.params());
            root.put("batch", batch);
            root.put("warmup", warmup);
            root.set("step_seconds", mapper.valueToTree(measured.seconds()));
            root.put("median_s", median(measured.seconds()));
            root.put("mean_s", mean(measured.seconds()));
            root.put("loss", measured.loss());
            if (peak.isPresent()) {
                root.put("peak_rss_bytes", peak.getAsLong());
            } else {
                root.putNull("peak_rss_bytes");
            }
            return mapper.writeValueAsString(root);
        }

        private EngineName engineName() {
            for (EngineName candidate : EngineName.values()) {
                if (candidate.configName().equalsIgnoreCase(engine)) {
                    return candidate;
                }
            }
            throw new ConfigException("--engine", engine + " is not an engine (expected "
                    + Arrays.stream(EngineName.values()).map(EngineName::configName)
                            .collect(Collectors.joining(" or ")) + ")");
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int mid = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }

        private static double mean(double[] values) {
            return Arrays.stream(values).average().orElseThrow();
        }

        /** The process's peak resident set (VmHWM), where Linux tells it. */
        private static OptionalLong peakResidentBytes() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return OptionalLong.of(1024 * Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
            } catch (IOException e) {
                // not Linux: reported as unknown
            }
            return OptionalLong.empty();
        }
    }

    /** Time to compute every tag's ROC-AUC and PR-AUC, macro and micro, for a random score matrix. */
    @Command(name = "metrics", mixinStandardHelpOptions = true,
            description = "Seconds to compute the full metrics report for --tracks x --tags random scores.")
    static final class Metrics implements Callable<Integer> {
        @Option(names = "--tracks", defaultValue = "30000", description = "Tracks (default ${DEFAULT-VALUE}).")
        private int tracks;

        @Option(names = "--tags", defaultValue = "50", description = "Tags (default ${DEFAULT-VALUE}).")
        private int tags;

        @Option(names = "--repeats", defaultValue = "5", description = "Timed repeats (default ${DEFAULT-VALUE}).")
        private int repeats;

        @Override
        public Integer call() {
            requireAtLeast("--tracks", tracks, 1);
            requireAtLeast("--tags", tags, 1);
            requireAtLeast("--repeats", repeats, 1);
            SplittableRandom random = new SplittableRandom(5);
            double[][] scores = new double[tracks][tags];
            boolean[][] labels = new boolean[tracks][tags];
            for (int i = 0; i < tracks; i++) {
                for (int j = 0; j < tags; j++) {
                    labels[i][j] = random.nextInt(10) == 0;
                    scores[i][j] = random.nextDouble() + (labels[i][j] ? 0.3 : 0);
                }
            }
            TagVocabulary vocabulary = new TagVocabulary(IntStream.range(0, tags).mapToObj(j -> "tag" + j).toList());
            TagMetrics.of(vocabulary, scores, labels);
            for (int r = 1; r <= repeats; r++) {
                long start = System.nanoTime();
                TagMetrics.of(vocabulary, scores, labels);
                System.out.printf(Locale.ROOT, "metrics for %,d tracks x %d tags (per tag, macro, micro), run %d: "
                        + "%.3f s%n", tracks, tags, r, (System.nanoTime() - start) / 1e9);
            }
            return 0;
        }
    }
}
