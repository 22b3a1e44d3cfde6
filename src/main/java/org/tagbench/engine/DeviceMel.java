package org.tagbench.engine;

/**
 * Log-mel spectrograms computed by an engine's own ops on its device, for a batch of signals the engine holds:
 * the front end a network built by {@link Engine#buildWithFrontEnd} runs before its first layer, on its own.
 * Closing it frees the signals' native memory.
 */
public interface DeviceMel extends AutoCloseable {

    /** The library whose ops compute the log-mel, as reports name it (e.g. ND4J). */
    String library();

    /**
     * Computes the log-mel of the held signals and copies it out, one row-major [n_mels, frames] array per signal
     * as the CPU path returns it. The copy waits for the device, so a timed call covers the whole computation.
     */
    float[][] compute();

    /** Frees the held signals; the front end is unusable afterwards. */
    @Override
    void close();
}
