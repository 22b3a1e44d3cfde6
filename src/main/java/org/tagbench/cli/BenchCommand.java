package org.tagbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.nd4j.linalg.factory.Nd4j;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.audio.AudioException;
import org.tagbench.audio.PcmCache;
import org.tagbench.audio.PcmSource;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.config.ParameterBudget;
import org.tagbench.config.PipelineConfig;
import org.tagbench.data.Batch;
import org.tagbench.data.BatchStream;
import org.tagbench.data.OrderedPrefetch;
import org.tagbench.data.Split;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.engine.Dl4jNetwork;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.WidthSolver;
import org.tagbench.frontend.DeviceMelSpectrogram;
import org.tagbench.frontend.MelSpectrogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tagbench bench}: throughput of the audio front end, for docs/benchmarks.md (scripts/bench_frontend.sh). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput: decoding (bench decode FILES), mel spectrograms (bench mel), the input "
                + "pipeline beside training steps (bench pipeline FILES), or the metrics (bench metrics).",
        subcommands = {BenchCommand.Decode.class, BenchCommand.Mel.class, BenchCommand.Pipeline.class,
                BenchCommand.Metrics.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "name decode, mel, pipeline or metrics");
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
                if (stream.skipped().count(Split.TRAIN) > 0) {
                    throw new IllegalStateException("unreadable files: " + stream.skipped().bySplit());
                }
            }
        }

        private void trainingSteps(Architecture arch, long budget, int melBands, int frames) {
            ModelSpec spec;
            try {
                spec = WidthSolver.solve(arch, budget, melBands, frames, TAGS);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--params", e.getMessage());
            }
            Dl4jNetwork network = Dl4jNetwork.build(spec, OptimizerConfig.adam(1e-3), 1);
            SplittableRandom random = new SplittableRandom(1);
            float[] features = new float[batch * melBands * frames];
            float[] labels = new float[batch * TAGS];
            for (int i = 0; i < features.length; i++) {
                features[i] = (float) (random.nextGaussian() * 20 - 40);
            }
            for (int i = 0; i < labels.length; i++) {
                labels[i] = random.nextInt(10) == 0 ? 1f : 0f;
            }
            Batch input = new Batch(features, labels, batch);
            network.fit(input);
            report(String.format(Locale.ROOT, "training step %s %,d params, %dx%d, batch %d", arch.configName(),
                    spec.trainableParams(), melBands, frames, batch), steps * batch, () -> {
                        for (int s = 0; s < steps; s++) {
                            network.fit(input);
                        }
                    });
        }

        private static void deleteTree(Path folder) throws IOException {
            try (var paths = Files.walk(folder)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
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
