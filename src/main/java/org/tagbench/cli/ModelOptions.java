package org.tagbench.cli;

import java.util.Locale;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ParameterBudget;
import org.tagbench.frontend.NetworkInput;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.StepMemory;
import org.tagbench.model.WidthSolver;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options that name a network (architecture, budget or widths, input size, tags), shared as a picocli mixin. */
final class ModelOptions {
    // Choi et al. 2017's input: 96 mel bands x 1,366 frames (29.1 s at 12 kHz, hop 256).
    private static final int CHOI_MELS = 96;
    private static final int CHOI_FRAMES = 1366;

    @Option(names = "--arch", required = true, paramLabel = "A",
            description = "Architecture: k1c2 (conv1d), k2c1, k2c2 (conv2d), crnn, fcn, shortchunk, shortchunk-res,"
                    + " samplecnn, bilstm-attn, musicnn.")
    private String arch;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Size size;

    @Option(names = "--input", paramLabel = "MELSxFRAMES",
            description = "Input log-mel size; 1xSAMPLES for a waveform network (samplecnn). Default: the input a"
                    + " config naming only the architecture runs on (fcn 96x1813, shortchunk and shortchunk-res"
                    + " 128x231, samplecnn 1x59049, bilstm-attn 96x235, musicnn 96x188), or 96x1366 (Choi et al.'s"
                    + " 29.1 s) for k1c2, k2c1, k2c2 and crnn.")
    private String input;

    @Option(names = "--tags", paramLabel = "N", defaultValue = "50", description = "Outputs (default ${DEFAULT-VALUE}).")
    private int tags;

    /** Either a budget to solve widths for or the widths themselves. */
    static final class Size {
        @Option(names = "--params", paramLabel = "N", description = "Budget, e.g. 250k or 1M: widths are solved.")
        private String params;

        @Option(names = "--widths", paramLabel = "W", split = ",",
                description = "One width per convolution, dense and GRU layer, e.g. 96,195,195,195,96,96 (crnn).")
        private int[] widths;
    }

    /**
     * The network these options name, to be trained on batches of {@code batch}: refused, naming the size option,
     * when a training step would not fit in the machine's memory.
     */
    ModelSpec trainable(int batch) {
        ModelSpec spec = spec();
        try {
            StepMemory.of(spec, batch).requireWithin(StepMemory.machineBytes(),
                    size.params != null ? ParameterBudget.parse("--params", size.params) : spec.trainableParams(),
                    batch);
            return spec;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(sizeOption(), e.getMessage());
        }
    }

    /** The network these options name; a bad value is a {@link ConfigException} naming its option. */
    ModelSpec spec() {
        Architecture architecture = Architecture.byName(arch).orElseThrow(() -> new ConfigException("--arch",
                arch + " is not an architecture (known: " + Architecture.knownNames() + ")"));
        int[] melsByFrames = input == null ? ownInput(architecture) : inputSize();
        if (architecture.eatsWaveform() && melsByFrames[0] != 1) {
            throw new ConfigException("--input", input + " is a log-mel size, but " + architecture + " eats the raw"
                    + " waveform (expected 1xSAMPLES, e.g. 1x59049, its paper's 3.69 s at 16 kHz)");
        }
        if (tags < 1) {
            throw new ConfigException("--tags", tags + " is not a tag count (expected 1 or more)");
        }
        try {
            return size.params != null
                    ? WidthSolver.solve(architecture, ParameterBudget.parse("--params", size.params), melsByFrames[0],
                            melsByFrames[1], tags)
                    : architecture.spec(melsByFrames[0], melsByFrames[1], tags, size.widths);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(sizeOption(), e.getMessage());
        }
    }

    private String sizeOption() {
        return size.params != null ? "--params" : "--widths";
    }

    /**
     * The input {@code architecture} runs on by default; Choi et al.'s four have no input of their own in the config
     * defaults (they take the common 3 s chunks), so their paper's, which Table 1 counts, stands in.
     */
    private static int[] ownInput(Architecture architecture) {
        return ConfigLoader.ownInput(architecture)
                .map(own -> NetworkInput.of(own.features(), own.chunkSamples()))
                .map(in -> new int[] {in.height(), in.width()})
                .orElse(new int[] {CHOI_MELS, CHOI_FRAMES});
    }

    private int[] inputSize() {
        String[] parts = input.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int[] melsByFrames = {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
                if (melsByFrames[0] >= 1 && melsByFrames[1] >= 1) {
                    return melsByFrames;
                }
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        }
        throw new ConfigException("--input", input + " is not an input size (expected MELSxFRAMES, e.g. 96x1366)");
    }
}
