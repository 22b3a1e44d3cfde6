package org.tagbench.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tagbench model}: look at the networks tagbench builds without training them. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Inspect the networks tagbench builds (Choi et al. 2017: k1c2, k2c1, k2c2, crnn; Lee et al. 2017:"
                + " samplecnn).",
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

        @Mixin
        private ModelOptions model;

        @Option(names = "--json", description = "Print one JSON object instead of the table.")
        private boolean json;

        @Override
        public Integer call() throws Exception {
            ModelSpec network = model.spec();
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? ModelSummary.json(network) + System.lineSeparator() : ModelSummary.table(network));
            out.flush();
            return 0;
        }
    }
}
