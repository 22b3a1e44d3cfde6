package org.tagbench.model;

/**
 * Inputs for tests that run every architecture: a log-mel of {@code mels x frames}, or for an architecture that eats
 * the waveform as many samples, 1 x (mels * frames), so that each gets an input of the same size.
 */
public final class ArchitectureInputs {
    private ArchitectureInputs() {
    }

    /** {@code arch}'s network for the input above, {@code tags} outputs and one width per group of equal width. */
    public static ModelSpec spec(Architecture arch, int mels, int frames, int tags, int[] groupWidths) {
        return arch.eatsWaveform() ? arch.spec(1, mels * frames, tags, arch.layerWidths(groupWidths))
                : arch.spec(mels, frames, tags, arch.layerWidths(groupWidths));
    }

    /** {@code arch}'s network for the input above, solved for {@code budget} parameters. */
    public static ModelSpec solve(Architecture arch, long budget, int mels, int frames, int tags) {
        return arch.eatsWaveform() ? WidthSolver.solve(arch, budget, 1, mels * frames, tags)
                : WidthSolver.solve(arch, budget, mels, frames, tags);
    }
}
