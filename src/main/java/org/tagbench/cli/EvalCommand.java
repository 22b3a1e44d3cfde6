package org.tagbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tagbench.data.Split;
import org.tagbench.experiment.Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tagbench eval RUN_DIR --split valid|test}: re-evaluate a run's best model. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate the best model of the run in RUN_DIR on a split, with the run's own config, and "
                + "print the per-tag table and the summary line.")
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder (results/<run id>).")
    private Path runDir;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT",
            description = "valid or test (default ${DEFAULT-VALUE}).")
    private String split;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Split chosen = switch (split) {
            case "valid" -> Split.VALID;
            case "test" -> Split.TEST;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--split: \"" + split + "\" is not valid or test");
        };
        Experiment.evaluate(runDir, chosen, System.out);
        return 0;
    }
}
