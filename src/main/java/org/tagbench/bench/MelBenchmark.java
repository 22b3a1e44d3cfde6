package org.tagbench.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.tagbench.config.FeatureConfig;
import org.tagbench.engine.DeviceMel;
import org.tagbench.engine.Engine;
import org.tagbench.frontend.MelSpectrogram;

/**
 * Log-mel of noise clips: the CPU path on one thread and on all cores, and engines' device paths in batches.
 * The device path is measured through {@link Engine#deviceMel}, the front end alone with its signals already
 * held by the engine (as a network's first layer sees them), rather than through a network built with its front
 * end and {@code predict}, which would time the network's layers and the copies of every batch as well.
 */
public record MelBenchmark(FeatureConfig features, int clips, double seconds, int batch, List<Engine> engines) {

    /** Requires clips, a length, a batch and an engine. */
    public MelBenchmark {
        if (clips < 1 || !(seconds > 0) || batch < 1 || engines.isEmpty()) {
            throw new IllegalArgumentException("clips " + clips + ", seconds " + seconds + ", batch " + batch
                    + ", " + engines.size() + " engines: expected clips, batch and engines >= 1, seconds > 0");
        }
        engines = List.copyOf(engines);
    }

    /** A line each for the CPU path on one thread, on all cores, and each engine's device path in batches. */
    public void run(PrintWriter out) {
        float[][] audio = noise();
        MelSpectrogram cpu = new MelSpectrogram(features);
        cpu.compute(audio[0]);
        String clip = String.format(Locale.ROOT, " (%.2f s clips)", seconds);
        Throughput.measure("CPU path, 1 thread" + clip, clips, () -> IntStream.range(0, clips)
                .forEach(i -> cpu.compute(audio[i % batch]))).printTo(out);
        Throughput.measure("CPU path, " + Runtime.getRuntime().availableProcessors() + " threads" + clip, clips,
                () -> IntStream.range(0, clips).parallel().forEach(i -> cpu.compute(audio[i % batch])))
                .printTo(out);
        for (Engine engine : engines) {
            devicePath(engine, audio, clip, out);
        }
    }

    /** The device path of {@code engine} over the batch {@code audio}, after one untimed batch. */
    private void devicePath(Engine engine, float[][] audio, String clip, PrintWriter out) {
        try (DeviceMel device = engine.deviceMel(features, audio)) {
            device.compute();
            int batches = Math.max(1, clips / batch);
            Throughput.measure("device path (" + device.library() + "), batch " + batch + clip, batches * batch,
                    () -> {
                        for (int b = 0; b < batches; b++) {
                            device.compute();
                        }
                    }).printTo(out);
        }
    }

    /** A batch of clips of Gaussian noise (standard deviation 0.1), the same every time. */
    private float[][] noise() {
        int samples = (int) Math.round(seconds * features.sampleRate());
        float[][] audio = new float[batch][samples];
        SplittableRandom random = new SplittableRandom(1);
        for (float[] clip : audio) {
            for (int i = 0; i < samples; i++) {
                clip[i] = (float) (0.1 * random.nextGaussian());
            }
        }
        return audio;
    }
}
