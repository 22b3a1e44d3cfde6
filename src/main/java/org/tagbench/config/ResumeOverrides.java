package org.tagbench.config;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The {@code --set} overrides a resumed run takes: {@code training.optimizer.lr}, the rate training goes on with
 * from the checkpoint (e.g. a lower one after a diverged loss), and {@code pipeline.*}, which never changes a
 * number. Any other key would make the run another experiment than the one its folder and hash name.
 */
public record ResumeOverrides(List<String> given, OptionalDouble lr, PipelineConfig pipeline) {
    /** The key of the learning rate. */
    public static final String LR = "training.optimizer.lr";
    private static final String PIPELINE = "pipeline";

    public ResumeOverrides {
        given = List.copyOf(given);
    }

    /** The overrides {@code given} to the run whose config is {@code file}; their values are checked as in a file. */
    public static ResumeOverrides of(Path file, List<String> given) {
        for (String override : given) {
            Overrides.key(override).filter(key -> !allowed(key)).ifPresent(key -> {
                throw new ConfigException("--set " + key, "cannot change on --resume, it would make another "
                        + "experiment (a resumed run takes " + LR + " and " + PIPELINE + ".* only)");
            });
        }
        ExperimentConfig changed = ConfigLoader.load(file, given);
        boolean lrGiven = given.stream().anyMatch(override -> Overrides.key(override).filter(LR::equals).isPresent());
        return new ResumeOverrides(given, lrGiven ? OptionalDouble.of(changed.training().optimizer().lr())
                : OptionalDouble.empty(), changed.pipeline());
    }

    private static boolean allowed(String key) {
        return key.equals(LR) || key.equals(PIPELINE) || key.startsWith(PIPELINE + ".");
    }
}
