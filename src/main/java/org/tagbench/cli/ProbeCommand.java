package org.tagbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tagbench.config.ConfigLoader;
import org.tagbench.transfer.Probe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tagbench probe CONFIG}: a probe on model bundles' embeddings, beside its random-weights baseline. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Fit a probe on the embeddings of one or more model bundles (their chosen layers concatenated)"
                + " for a labelled dataset: logistic regression (one-vs-rest) or a one-hidden-layer MLP, its L2"
                + " strength chosen on the validation split. The same probe on the same architectures with their"
                + " random initial weights is the baseline, fitted and reported beside it. Embeddings are cached by"
                + " bundle, layer and dataset fingerprint; both results land in the results store (kind probe), so"
                + " tagbench runs and compare show them beside trained runs (docs/transfer.md)."})
final class ProbeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "Probe config file (.yaml, .yml or .json).")
    private Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value by dotted path, e.g. --set probe.kind=mlp (repeatable).")
    private List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        new Probe(ConfigLoader.loadProbe(config, overrides), System.out).run();
        return 0;
    }
}
