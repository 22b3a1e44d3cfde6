package org.tagbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.experiment.Experiment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tagbench run CONFIG} or {@code tagbench run --resume RUN_DIR}: train, evaluate and record one experiment. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Train and evaluate the experiment CONFIG (YAML or JSON) in a new run folder under "
                + "results.dir, with a checkpoint after every epoch, and write its run record (run.json).",
                "With --resume RUN_DIR, continue an interrupted run from its latest checkpoint; an interrupted run "
                        + "(ctrl-C, SIGTERM) prints this command with its folder."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG",
            description = "Experiment config file (.yaml, .yml or .json).")
    private Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = {"Override a config value by dotted path, e.g. --set training.max_epochs=5 (repeatable).",
                    "With --resume, only training.optimizer.lr (the rate training goes on with, e.g. lower after a "
                            + "diverged loss) and pipeline.* can change."})
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue the interrupted run in RUN_DIR (results/<run id>) with the config it started with.")
    private Path resume;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((config == null) == (resume == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either CONFIG or --resume RUN_DIR");
        }
        if (resume != null) {
            try (ResumeHint hint = new ResumeHint(spec.commandLine().getErr())) {
                Experiment.resume(resume, overrides, System.out, hint::arm);
            }
            return 0;
        }
        ExperimentConfig experiment = ConfigLoader.load(config, overrides);
        try (ResumeHint hint = new ResumeHint(spec.commandLine().getErr())) {
            new Experiment(experiment, System.out).run(hint::arm);
        }
        return 0;
    }
}
