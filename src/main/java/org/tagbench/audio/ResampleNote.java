package org.tagbench.audio;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Says that a model's audio is resampled, once for each source rate that differs from the rate the model eats rather
 * than once per file: the first decoded file at such a rate gives one line naming both rates. Decoding threads share
 * one note, so it is thread-safe. Audio taken from the PCM cache was resampled when it was cached and says nothing.
 */
public final class ResampleNote {
    private final String model;
    private final int rate;
    private final Consumer<String> out;
    private final Set<Integer> said = ConcurrentHashMap.newKeySet();

    /** A note for {@code model} (how lines name it), which eats audio at {@code rate} Hz, said to {@code out}. */
    public ResampleNote(String model, int rate, Consumer<String> out) {
        this.model = model;
        this.rate = rate;
        this.out = out;
    }

    /** The rate the model eats, in Hz. */
    public int rate() {
        return rate;
    }

    /**
     * Hears that {@code file} was decoded from {@code sourceRate} Hz; says so if that rate is new and not the
     * model's.
     */
    void heard(Path file, int sourceRate) {
        if (sourceRate != rate && said.add(sourceRate)) {
            out.accept(model + " eats audio at " + rate + " Hz, but " + file + " is at " + sourceRate + " Hz: it and"
                    + " every other file at " + sourceRate + " Hz are resampled to " + rate + " Hz");
        }
    }
}
