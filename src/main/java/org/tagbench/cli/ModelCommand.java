package org.tagbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ParameterBudget;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelSummary;
import org.tagbench.model.Shape;
import org.tagbench.model.WidthSolver;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tagbench model}: look at the networks tagbench builds without training them. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Inspect the networks tagbench builds (Choi et al. 2017: k1c2, k2c1, k2c2, crnn).",
        subcommands = {ModelCommand.Summary.class})
final class ModelCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code tagbench model summary}: layers, output shapes, widths, trainable parameters and FLOPs. */
    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "Print a network's layers, output shapes, widths, trainable parameters and FLOPs per clip.")
    static final class Summary implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--arch", required = true, paramLabel = "A",
                description = "Architecture: k1c2 (conv1d), k2c1, k2c2 (conv2d), crnn.")
        private String arch;

        @ArgGroup(exclusive = true, multiplicity = "1")
        private Size size;

        @Option(names = "--input", paramLabel = "MELSxFRAMES", defaultValue = "96x1366",
                description = "Input log-mel size (default ${DEFAULT-VALUE}, the paper's 29.1 s).")
        private String input;

        @Option(names = "--tags", paramLabel = "N", defaultValue = "50", description = "Outputs (default ${DEFAULT-VALUE}).")
        private int tags;

        @Option(names = "--json", description = "Print one JSON object instead of the table.")
        private boolean json;

        /** Either a budget to solve widths for or the widths themselves. */
        static final class Size {
            @Option(names = "--params", paramLabel = "N", description = "Budget, e.g. 250k or 1M: widths are solved.")
            private String params;

            @Option(names = "--widths", paramLabel = "W,W,...", split = ",",
                    description = "One width per convolution, dense and GRU layer, e.g. 96,195,195,195,96,96 (crnn).")
            private int[] widths;
        }

        @Override
        public Integer call() throws Exception {
            Architecture architecture = Architecture.byName(arch).orElseThrow(() -> new ConfigException("--arch",
                    arch + " is not an architecture (known: " + Architecture.knownNames() + ")"));
            int[] melsByFrames = inputSize();
            ModelSpec model = build(architecture, melsByFrames[0], melsByFrames[1]);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? json(model) + System.lineSeparator() : ModelSummary.table(model));
            out.flush();
            return 0;
        }

        private ModelSpec build(Architecture architecture, int melBands, int frames) {
            if (tags < 1) {
                throw new ConfigException("--tags", tags + " is not a tag count (expected 1 or more)");
            }
            String where = size.params != null ? "--params" : "--widths";
            try {
                return size.params != null
                        ? WidthSolver.solve(architecture, ParameterBudget.parse("--params", size.params), melBands,
                                frames, tags)
                        : architecture.spec(melBands, frames, tags, size.widths);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where, e.getMessage());
            }
        }

        private int[] inputSize() {
            String[] parts = input.toLowerCase(Locale.ROOT).split("x");
            try {
                if (parts.length == 2) {
                    int[] size = {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
                    if (size[0] >= 1 && size[1] >= 1) {
                        return size;
                    }
                }
            } catch (NumberFormatException e) {
                // reported below with the expected form
            }
            throw new ConfigException("--input", input + " is not an input size (expected MELSxFRAMES, e.g. 96x1366)");
        }

        private static String json(ModelSpec model) throws Exception {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("arch", model.arch().configName());
            root.set("input", mapper.valueToTree(List.of(model.melBands(), model.frames())));
            root.put("tags", model.tags());
            root.set("widths", mapper.valueToTree(model.widths()));
            root.put("params", model.trainableParams());
            root.put("flops", model.flops());
            ArrayNode layers = root.putArray("layers");
            for (ModelSummary.Row row : ModelSummary.rows(model)) {
                Shape out = row.output();
                ObjectNode node = layers.addObject();
                node.put("layer", row.layer());
                node.set("output", mapper.valueToTree(List.of(out.channels(), out.height(), out.width())));
                node.put("params", row.params());
                node.put("flops", row.flops());
            }
            return mapper.writeValueAsString(root);
        }
    }
}
