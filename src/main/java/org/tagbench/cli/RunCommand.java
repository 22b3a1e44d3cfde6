package org.tagbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.experiment.Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tagbench run CONFIG}: train, evaluate and record one experiment. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Train and evaluate the experiment CONFIG (YAML or JSON) and write its run record.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "Experiment config file (.yaml, .yml or .json).")
    private Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value by dotted path, e.g. --set training.max_epochs=5 (repeatable).")
    private List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ExperimentConfig experiment = ConfigLoader.load(config, overrides);
        new Experiment(experiment, System.out).run();
        return 0;
    }
}
