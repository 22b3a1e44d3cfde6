package org.tagbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.nd4j.linalg.factory.Nd4j;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.audio.AudioException;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.FeatureConfig;
import org.tagbench.frontend.DeviceMelSpectrogram;
import org.tagbench.frontend.MelSpectrogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tagbench bench}: throughput of the audio front end, for docs/benchmarks.md (scripts/bench_frontend.sh). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure front-end throughput: decoding (bench decode FILES) or mel spectrograms (bench mel).",
        subcommands = {BenchCommand.Decode.class, BenchCommand.Mel.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "name decode or mel");
    }

    /** Clips per second of a task run over {@code count} items, once warmed up. */
    private static void report(String what, int count, Runnable task) {
        long start = System.nanoTime();
        task.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-40s %8.1f clips/s  (%d clips in %.2f s)%n", what, count / seconds, count,
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
}
