package org.tagbench.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.tagbench.audio.AudioDecoder;
import org.tagbench.audio.AudioException;

/** Decoding and resampling whole audio files to mono, on one thread and on all cores, in clips per second. */
public record DecodeBenchmark(List<Path> files, int sampleRate) {

    /** Requires a file to decode. */
    public DecodeBenchmark {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to decode");
        }
    }

    /** Decodes the first file untimed, then every file on one thread and on all cores; a line each. */
    public void run(PrintWriter out) throws AudioException {
        AudioDecoder decoder = new AudioDecoder(sampleRate);
        decoder.decode(files.get(0));
        Throughput.measure("decode + resample, 1 thread", files.size(), () -> {
            for (Path file : files) {
                decoder.decode(file);
            }
        }).printTo(out);
        Throughput.measure("decode + resample, " + Runtime.getRuntime().availableProcessors() + " threads",
                files.size(), () -> decodeInParallel(decoder)).printTo(out);
    }

    /** Every file on the common pool; the first file that fails is reported as itself. */
    private void decodeInParallel(AudioDecoder decoder) throws AudioException {
        AtomicReference<AudioException> failure = new AtomicReference<>();
        files.parallelStream().forEach(file -> {
            try {
                decoder.decode(file);
            } catch (AudioException e) {
                failure.compareAndSet(null, e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
