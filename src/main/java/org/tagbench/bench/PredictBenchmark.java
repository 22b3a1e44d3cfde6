package org.tagbench.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.tagbench.export.RunTagger;
import org.tagbench.export.Tagger;
import org.tagbench.frontend.MelSpectrogram;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.WidthSolver;
import org.tagbench.train.Checkpoints;

/**
 * {@code tagbench predict} end to end, decoding included, in tracks per second: generated 30 s tracks (the synthetic
 * set, 12 kHz WAV) through a run folder's model per architecture at a budget, on all cores; then the process's peak
 * resident memory. The run folders hold untrained weights (speed does not depend on their values) in the engine's
 * own format, as a trained run's best model would.
 */
public record PredictBenchmark(List<Architecture> archs, long params, int tracks, double chunkSeconds, int chunks,
                               EngineName engine) {

    /** Prints one line per architecture, then the peak resident memory. */
    public void run(PrintWriter out) throws IOException {
        Path scratch = Files.createTempDirectory("tagbench-bench-predict");
        try {
            for (Architecture arch : archs) {
                Path folder = runFolder(scratch, arch);
                List<Path> files = audio(folder);
                try (Tagger tagger = RunTagger.open(folder, "bench")) {
                    Predictor predictor = new Predictor(tagger, Runtime.getRuntime().availableProcessors(), 16);
                    // Untimed: libtorch's first passes and the decoder's set-up.
                    predictor.run(files.subList(0, Math.min(2, files.size())), Tagger::scores, f -> { }, out::println);
                    Throughput.measure(String.format(Locale.ROOT, "predict %s %,d params, %s, %d x %.2f s chunk",
                                    arch.configName(), params, engine.name().toLowerCase(Locale.ROOT), chunks,
                                    chunkSeconds), files.size(),
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
     * best model at the budget, built as a run would build it.
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
        int chunkSamples = (int) Math.round(chunkSeconds * config.features().sampleRate());
        int tags = DatasetIndex.open(config.data(), config.features()).index().vocabulary().size();
        ModelSpec spec;
        try {
            spec = WidthSolver.solve(arch, params, config.features().nMels(),
                    new MelSpectrogram(config.features()).frames(chunkSamples), tags);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--params", e.getMessage());
        }
        try (Network network = Engine.named(engine).build(spec, config.training().optimizer(),
                TrainingConventions.of(config.training().conventions()), config.seed())) {
            new Checkpoints(folder).saveBest(network);
        }
        return folder;
    }

    /** The run's generated tracks, every split's. */
    private static List<Path> audio(Path folder) throws IOException {
        ExperimentConfig config = ConfigLoader.loadSaved(folder.resolve(Experiment.CONFIG_FILE));
        return DatasetIndex.open(config.data(), config.features()).index().tracks().stream().map(Track::audio)
                .toList();
    }
}
