package org.tagbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.EngineName;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.data.Track;
import org.tagbench.data.readers.DatasetIndex;
import org.tagbench.engine.Engine;
import org.tagbench.engine.Network;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.experiment.Experiment;
import org.tagbench.export.Predictor;
import org.tagbench.export.ExportFormat;
import org.tagbench.export.ModelBundle;
import org.tagbench.export.Tagger;
import org.tagbench.frontend.NetworkInput;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.WidthSolver;
import org.tagbench.train.Checkpoints;

/**
 * {@code tagbench predict} end to end, decoding included, in tracks per second: generated 30 s tracks (the synthetic
 * set, 12 kHz WAV) through a model per architecture at a budget, on all cores; then the process's peak resident
 * memory. The model is given to predict as {@code format} says: a run folder holding untrained weights (speed does
 * not depend on their values) in the engine's own format, as a trained run's best model would, or those weights
 * exported as a bundle or as a model.onnx (run by ONNX Runtime).
 */
public record PredictBenchmark(List<Architecture> archs, long params, int tracks, double chunkSeconds, int chunks,
                               EngineName engine, ModelFormat format) {

    /** What predict is given: a run folder, its export as a bundle, or its export as a model.onnx. */
    public enum ModelFormat {
        /** A run folder with a best model. */
        RUN,
        /** A bundle's folder, on the engine that made it. */
        BUNDLE,
        /** A model.onnx, on ONNX Runtime. */
        ONNX;

        /** The format named {@code name} (run, bundle or onnx); another is a one-line error naming {@code where}. */
        public static ModelFormat named(String name, String where) {
            return Arrays.stream(values()).filter(f -> f.name().toLowerCase(Locale.ROOT).equals(name)).findFirst()
                    .orElseThrow(() -> new ConfigException(where, name + " is not a model format (expected run,"
                            + " bundle or onnx)"));
        }
    }

    /** Prints one line per architecture, then the peak resident memory. */
    public void run(PrintWriter out) throws IOException {
        Path scratch = Files.createTempDirectory("tagbench-bench-predict");
        try {
            for (Architecture arch : archs) {
                Path folder = runFolder(scratch, arch);
                List<Path> files = audio(folder);
                int cores = Runtime.getRuntime().availableProcessors();
                try (Tagger tagger = Tagger.open(model(folder), "bench", cores)) {
                    Predictor predictor = new Predictor(tagger, cores, Predictor.BATCH_ROWS);
                    // Untimed: the decoder's set-up and two full batches, the passes in which a runtime first meets
                    // a batch's shape and sizes its memory (ONNX Runtime's first two at a shape take 5x a later one).
                    int warmUp = Math.min(files.size(), 2 * ((Predictor.BATCH_ROWS + chunks - 1) / chunks));
                    predictor.run(files.subList(0, warmUp), Tagger::scores, f -> { }, out::println);
                    Throughput.measure(String.format(Locale.ROOT, "predict %s %,d params, %s, %d x %.2f s chunk",
                                    arch.configName(), params, runtime(), chunks, chunkSeconds), files.size(),
                            () -> predictor.run(files, Tagger::scores, f -> { }, out::println))
                            .printTo(out);
                }
                out.flush();
            }
            PeakResidentMemory.ofThisProcess().ifPresent(bytes -> out.printf(Locale.ROOT,
                    "peak resident memory %.0f MB over %d tracks x %d architectures%n", bytes / 1e6, tracks,
                    archs.size()));
        } finally {
            ScratchFolders.delete(scratch);
        }
    }

    /**
     * A run folder for {@code arch} over a generated set of {@code tracks} 30 s clips: its config and an untrained
     * best model at the budget, built as a run would build it; exported beside it unless {@code format} is a run.
     */
    private Path runFolder(Path scratch, Architecture arch) throws IOException {
        Path folder = Files.createDirectories(scratch.resolve("run-" + arch.configName()));
        Path yaml = Files.writeString(scratch.resolve(arch.configName() + ".yaml"), String.join("\n",
                "name: bench-predict",
                "data: {dataset: synthetic, root: " + scratch.resolve("data") + ", clips: " + tracks
                        + ", clip_seconds: 30, chunk_seconds: " + chunkSeconds + "}",
                "model: {arch: " + arch.configName() + ", params: " + params + "}",
                "training: {engine: " + engine.name().toLowerCase(Locale.ROOT) + "}",
                "eval: {chunks: " + chunks + "}",
                "results: {dir: " + scratch.resolve("results") + "}"));
        ExperimentConfig config = ConfigLoader.load(yaml, List.of());
        Files.writeString(folder.resolve(Experiment.CONFIG_FILE), ConfigLoader.canonicalJson(config));
        int chunkSamples = Experiment.chunkSamples(config);
        List<String> tags = DatasetIndex.open(config.data(), config.features()).index().vocabulary().tags();
        ModelSpec spec;
        try {
            // As a run solves it: mel bands x frames, or 1 x samples for a waveform tagger (samplecnn).
            NetworkInput input = NetworkInput.of(config.features(), chunkSamples);
            spec = WidthSolver.solve(arch, params, input.height(), input.width(), tags.size());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--params", e.getMessage());
        }
        try (Network network = Engine.named(engine).build(spec, config.training().optimizer(),
                TrainingConventions.of(config.training().conventions()), config.seed())) {
            new Checkpoints(folder).saveBest(network);
            if (format != ModelFormat.RUN) {
                ObjectNode none = new ObjectMapper().createObjectNode();
                new ModelBundle(spec, network.weights(), tags, config, none, none).write(export(folder),
                        format == ModelFormat.BUNDLE ? ExportFormat.BUNDLE : ExportFormat.ONNX);
            }
        }
        return folder;
    }

    /** What runs the model, for the printed line: the engine and what it was given, or ONNX Runtime. */
    private String runtime() {
        return format == ModelFormat.ONNX ? "model.onnx on onnxruntime"
                : engine.name().toLowerCase(Locale.ROOT) + " " + format.name().toLowerCase(Locale.ROOT);
    }

    /** Where the run in {@code folder}'s model is exported to (a bundle's folder, or one holding model.onnx). */
    private Path export(Path folder) {
        return folder.resolveSibling(folder.getFileName() + "-" + format.name().toLowerCase(Locale.ROOT));
    }

    /** What predict is given for the run in {@code folder}: the folder itself, or its export. */
    private Path model(Path folder) {
        return switch (format) {
            case RUN -> folder;
            case BUNDLE -> export(folder);
            case ONNX -> export(folder).resolve(ModelBundle.ONNX_FILE);
        };
    }

    /** The run's generated tracks, every split's. */
    private static List<Path> audio(Path folder) throws IOException {
        ExperimentConfig config = ConfigLoader.loadSaved(folder.resolve(Experiment.CONFIG_FILE));
        return DatasetIndex.open(config.data(), config.features()).index().tracks().stream().map(Track::audio)
                .toList();
    }
}
