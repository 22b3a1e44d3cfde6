package org.tagbench.transfer;

import java.nio.file.Path;
import org.tagbench.audio.AudioException;
import org.tagbench.audio.HeapPcm;
import org.tagbench.audio.Pcm;
import org.tagbench.audio.PcmSource;

/**
 * A track's audio with a perturbation applied to the whole track before it is cut into chunks (a stretch changes
 * its length, noise is set against its level), then rounded to 16 bits as the PCM cache stores clean audio. Noise is
 * drawn from the seed and the file's path, so each track gets its own noise and a rerun the same.
 */
record PerturbedAudio(PcmSource source, PerturbationKind kind, double strength, long seed, int sampleRate)
        implements PcmSource {
    @Override
    public Pcm open(Path file) throws AudioException {
        Pcm clean = source.open(file);
        float[] samples = clean.chunk(0, clean.length());
        long trackSeed = seed * 1_000_003L + file.toString().hashCode();
        return HeapPcm.of(kind.at(strength, trackSeed).apply(samples, sampleRate));
    }
}
