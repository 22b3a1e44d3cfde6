package org.tagbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tagbench.config.ConfigException;
import org.tagbench.export.ExportFormat;
import org.tagbench.export.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tagbench export RUN --out models/NAME}: a finished run's best model as a bundle that leaves tagbench. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export the best model of a finished run into the folder --out: as a model bundle, model.json"
                + " (architecture, widths, input shape, features, sample rate, chunking, tags in order, exact"
                + " parameter count, SHA-256 of every file), weights.npz (one float32 .npy per weight, PyTorch"
                + " state_dict names), config.json, metrics.json, provenance.json and MODEL_CARD.md, written whole or"
                + " not at all (either engine loads it; scripts/bundle_to_torch.py loads it in plain PyTorch);"
                + " and/or as model.onnx (opset 17: mono audio at the model's sample rate in, the mel front end"
                + " inside, tag probabilities and the embedding out, tags, chunking and provenance in its"
                + " metadata)."})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    private RunsCommand.Store store;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run folder (results/<run id>) or a run id from"
            + " the store (the first column of tagbench runs).")
    private String run;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The export's folder: new, empty, or"
            + " an earlier export (replaced).")
    private Path out;

    @Option(names = "--format", defaultValue = "bundle", paramLabel = "FORMAT", description = "bundle, onnx (the folder"
            + " holds model.onnx alone) or all (the bundle and model.onnx; default ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--zip", description = "Also write the bundle (and model.onnx, with --format all) as one file,"
            + " DIR.zip, next to the folder.")
    private boolean zip;

    @Option(names = "--random", description = "Export the run's architecture with its random initial weights (the"
            + " config's seed, no training step) instead of its best model: the baseline a probe of the trained model"
            + " is compared with (model.json says trained: false).")
    private boolean random;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ExportFormat chosen = ExportFormat.named(format, "--format");
        if (zip && !chosen.bundle()) {
            throw new ConfigException("--zip", "zips the bundle, which --format onnx does not write (expected"
                    + " --format bundle or all)");
        }
        ModelBundle.requireWritable(out);
        Path zipFile = out.resolveSibling(out.getFileName() + ".zip");
        if (zip && Files.isDirectory(zipFile)) {
            throw new ConfigException("--zip", zipFile + " is a folder (expected a new file or an earlier bundle's"
                    + " zip)");
        }
        long start = System.nanoTime();
        Path folder = store.folderOf(run);
        ModelBundle bundle = random ? ModelBundle.fromRun(folder).untrained() : ModelBundle.fromRun(folder);
        bundle.write(out, chosen);
        if (zip) {
            ModelBundle.zip(out, zipFile);
        }
        PrintWriter printed = spec.commandLine().getOut();
        printed.printf(Locale.ROOT, "exported %s (%s, %,d trainable parameters, %d tags, %s %s) in %.1f s:"
                        + " %s (%s)%s%n", folder, bundle.spec().arch().configName(), bundle.trainableParams(),
                bundle.tags().size(), random ? "random initial weights of" : "trained on", bundle.engine().configName(),
                (System.nanoTime() - start) / 1e9, out,
                contents(chosen), zip ? " and " + zipFile : "");
        printed.flush();
        return 0;
    }

    /** What the folder holds, for the printed line. */
    private static String contents(ExportFormat format) {
        return format.onnx() ? format.bundle() ? "bundle and " + ModelBundle.ONNX_FILE : ModelBundle.ONNX_FILE
                : "bundle";
    }
}
