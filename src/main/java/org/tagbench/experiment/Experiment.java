package org.tagbench.experiment;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.tagbench.audio.PcmCache;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.config.FrontEndPlacement;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.config.ResumeOverrides;
import org.tagbench.config.TaskName;
import org.tagbench.data.ClassLabels;
import org.tagbench.data.DatasetException;
import org.tagbench.data.DatasetFingerprint;
import org.tagbench.data.pipeline.BatchStream;
import org.tagbench.data.readers.DatasetIndex;
import org.tagbench.data.SkippedTracks;
import org.tagbench.data.Split;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.engine.Engine;
import org.tagbench.engine.Network;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.files.AtomicFile;
import org.tagbench.files.FileFailure;
import org.tagbench.files.ResultFolder;
import org.tagbench.frontend.FrontEndWeights;
import org.tagbench.frontend.NetworkInput;
import org.tagbench.metrics.ClassMetrics;
import org.tagbench.metrics.LabelRanking;
import org.tagbench.metrics.TrackScores;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.StepMemory;
import org.tagbench.model.WidthSolver;
import org.tagbench.report.ConfusionMatrix;
import org.tagbench.report.MetricsTable;
import org.tagbench.results.Artifact;
import org.tagbench.results.Host;
import org.tagbench.results.ModelRecord;
import org.tagbench.results.Provenance;
import org.tagbench.results.RunRecord;
import org.tagbench.results.ResultsStore;
import org.tagbench.results.RunLog;
import org.tagbench.results.RunRecordFile;
import org.tagbench.results.ScoreFiles;
import org.tagbench.results.StoreOpening;
import org.tagbench.results.RunStart;
import org.tagbench.train.Evaluation;
import org.tagbench.transfer.FineTuning;
import org.tagbench.transfer.FrozenLayers;
import org.tagbench.transfer.FrozenNetwork;
import org.tagbench.train.Checkpoints;
import org.tagbench.train.Evaluator;
import org.tagbench.train.FitResult;
import org.tagbench.train.Resumption;
import org.tagbench.train.RunHistory;
import org.tagbench.train.Trainer;
import org.tagbench.train.TrainingOutcome;
import org.tagbench.train.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One experiment end to end: dataset, on-the-fly mel, network at its budget, training, test metrics, run record. */
public final class Experiment {

    /** The resolved config's file name in a run folder. */
    public static final String CONFIG_FILE = "config.json";
    /** How many skipped tracks the end of a run names; the run record lists them all. */
    private static final int NAMED_SKIPPED = 10;
    private static final Logger LOG = LoggerFactory.getLogger(Experiment.class);

    private final ExperimentConfig config;
    private final PrintStream out;
    private final Engine engine;

    /** An experiment of {@code config} printing its report to {@code out}. */
    public Experiment(ExperimentConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.engine = Engine.named(config.training().engine());
    }

    /**
     * Runs the experiment in a new run folder {@code results.dir/<time>-<name>-<hash>/} holding its resolved
     * config, checkpoints, best model and finally its record ({@code run.json}), which is returned; the results store
     * ({@code results.url}) holds the run from its first second.
     */
    public RunRecord run() throws IOException {
        return run(log -> { });
    }

    /**
     * Runs the experiment as {@link #run()} does, handing the run's log (its folder and its row in the store) to
     * {@code started} as soon as {@code run --resume} can continue it.
     */
    public RunRecord run(Consumer<RunLog> started) throws IOException {
        return run(config.name(), started);
    }

    /**
     * Runs the experiment as {@link #run(Consumer)} does, in a run folder named {@code <time>-<label>-<hash>}: a
     * sweep names each cell's folder after its values.
     */
    public RunRecord run(String label, Consumer<RunLog> started) throws IOException {
        // Opened and checked writable before the run folder is made: a store it cannot write stops the run here.
        ResultsStore store = openStoreWhileEngineLoads();
        Instant startedAt = Instant.now();
        Path folder = ResultFolder.claim(config.results().dir(), startedAt, label, ConfigLoader.hash(config));
        String id = folder.getFileName().toString();
        Path configFile = folder.resolve(CONFIG_FILE);
        try {
            byte[] json = ConfigLoader.canonicalJson(config).getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(configFile, o -> o.write(json));
        } catch (IOException e) {
            throw FileFailure.naming(configFile, e);
        }
        try (RunLog log = RunLog.open(store, runStart(id, folder, startedAt))) {
            started.accept(log);
            return execute(id, folder, startedAt, Optional.empty(), log);
        }
    }

    /**
     * Continues the run in {@code folder} from its latest checkpoint (or from the start if it wrote none), with
     * the config it was started with and {@code overrides} ({@link ResumeOverrides}: a new learning rate, pipeline
     * settings); without a new rate, the result is the one an uninterrupted run would have given.
     */
    public static RunRecord resume(Path folder, List<String> overrides, PrintStream out) throws IOException {
        return resume(folder, overrides, out, log -> { });
    }

    /**
     * Continues the run in {@code folder} as {@link #resume(Path, List, PrintStream)} does, on its row in the store,
     * handing the run's log to {@code started} once the folder is locked for this process.
     */
    public static RunRecord resume(Path folder, List<String> overrides, PrintStream out, Consumer<RunLog> started)
            throws IOException {
        ExperimentConfig config = folderConfig(folder, "--resume");
        if (Files.exists(folder.resolve(RunRecordFile.FILE_NAME))) {
            throw new ConfigException("--resume", folder + " is a finished run (it has "
                    + RunRecordFile.FILE_NAME + ")");
        }
        ResumeOverrides changes = ResumeOverrides.of(folder.resolve(CONFIG_FILE), overrides);
        // The start is kept in the checkpoint; a run killed before its first one started when it wrote its config.
        Instant startedAt = Files.getLastModifiedTime(folder.resolve(CONFIG_FILE)).toInstant();
        Experiment experiment = new Experiment(config.withPipeline(changes.pipeline()), out);
        ResultsStore store = experiment.openStoreWhileEngineLoads();
        String id = folder.getFileName().toString();
        try (RunLog log = RunLog.open(store, experiment.runStart(id, folder, startedAt))) {
            started.accept(log);
            return experiment.execute(id, folder, startedAt, Optional.of(changes), log);
        }
    }

    /**
     * The results store of the config, opened (migrated, checked writable) on a thread of its own while the engine
     * loads its natives on this one, which the run needs next anyway.
     */
    private ResultsStore openStoreWhileEngineLoads() throws IOException {
        StoreOpening opening = StoreOpening.start(config.results().storeUrl());
        try {
            engine.backend();
        } catch (RuntimeException | Error e) {
            // Not left migrating a store while the JVM exits.
            try {
                opening.await();
            } catch (IOException | RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        return opening.await();
    }

    /** What the store records of this run at its start. */
    private RunStart runStart(String id, Path folder, Instant started) {
        return new RunStart(RunLog.newUid(), id, folder, config, Versions.tagbench(), Versions.gitCommit(),
                Versions.dependencies(), System.getProperty("java.version"), os(), Host.name(), started);
    }

    private static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    /**
     * Evaluates the best model of the run in {@code folder} on {@code split}, with the run's own config, and
     * prints the per-tag table and summary line.
     */
    public static Evaluation evaluate(Path folder, Split split, PrintStream out) throws IOException {
        ExperimentConfig config = bestModelConfig(folder, "RUN_DIR");
        Experiment experiment = new Experiment(config, out);
        RunInputs inputs = RunInputs.of(config, out::println);
        try (BatchStream stream = inputs.stream();
             Network network = experiment.bestNetwork(folder, inputs)) {
            TagVocabulary vocabulary = inputs.dataset().index().vocabulary();
            Evaluation evaluation = evaluator(config, stream, vocabulary).evaluate(network, inputs.splits().get(split));
            experiment.print(split, evaluation, vocabulary);
            return evaluation;
        }
    }

    /**
     * The best model of the run in {@code folder} as {@link #evaluate} loads it (the run's config, its dataset's
     * vocabulary, its chunking and features); {@code where} names the argument in errors. Close its network.
     */
    public static RunModel bestModel(Path folder, String where) throws IOException {
        ExperimentConfig config = bestModelConfig(folder, where);
        Experiment experiment = new Experiment(config, new PrintStream(OutputStream.nullOutputStream()));
        // What uses this model decodes its own audio, and says its own resampling.
        RunInputs inputs = RunInputs.of(config, line -> { });
        return new RunModel(config, inputs.dataset().index().vocabulary(), inputs.chunkSamples(), inputs.features(),
                experiment.bestNetwork(folder, inputs));
    }

    /** The config of the run in {@code folder}, which must have a best model. */
    private static ExperimentConfig bestModelConfig(Path folder, String where) {
        ExperimentConfig config = folderConfig(folder, where);
        if (!Files.isRegularFile(folder.resolve(Checkpoints.BEST_MODEL))) {
            throw new ConfigException(where, folder + " has no " + Checkpoints.BEST_MODEL
                    + " (no epoch of it finished)");
        }
        return config;
    }

    /** A network for this experiment's inputs holding the best weights of the run in {@code folder}. */
    private Network bestNetwork(Path folder, RunInputs inputs) throws IOException {
        Network network = network(spec(inputs), inputs.chunkSamples());
        try {
            network.load(new Checkpoints(folder).bestWeights(network));
            return network;
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /**
     * The run's evaluator: its evaluation chunks per track, predicted about a training batch at a time, its loss the
     * training loss.
     */
    private static Evaluator evaluator(ExperimentConfig config, BatchStream stream, TagVocabulary vocabulary) {
        return evaluator(config, config.eval().chunks(), stream, vocabulary);
    }

    /** As {@link #evaluator(ExperimentConfig, BatchStream, TagVocabulary)} with {@code chunks} chunks per track. */
    private static Evaluator evaluator(ExperimentConfig config, int chunks, BatchStream stream,
                                       TagVocabulary vocabulary) {
        return new Evaluator(stream, chunks, config.training().batchSize(), vocabulary, config.training().loss());
    }

    private static ExperimentConfig folderConfig(Path folder, String where) {
        if (!Files.isDirectory(folder)) {
            throw new ConfigException(where, folder + (Files.exists(folder) ? " is not a folder" : " does not exist")
                    + " (expected a run folder, results/<run id>)");
        }
        if (!Files.isRegularFile(folder.resolve(CONFIG_FILE))) {
            throw new ConfigException(where, folder + " is not a run folder (it has no " + CONFIG_FILE + ")");
        }
        return ConfigLoader.loadSaved(folder.resolve(CONFIG_FILE));
    }

    /**
     * Trains from the folder's checkpoint if it has one (else from the start, at {@code started}), evaluates on the
     * test split and writes the record; {@code resume} holds a resumed run's overrides. {@code log} hears of each
     * epoch and of how the run ends.
     */
    private RunRecord execute(String id, Path folder, Instant started, Optional<ResumeOverrides> resume, RunLog log)
            throws IOException {
        try {
            return train(id, folder, started, resume, log);
        } catch (IOException | RuntimeException | Error e) {
            log.failed(e);
            throw e;
        }
    }

    private RunRecord train(String id, Path folder, Instant started, Optional<ResumeOverrides> resume, RunLog log)
            throws IOException {
        String hash = ConfigLoader.hash(config);
        out.printf("run %s  config %s  seed %d  engine %s%n", config.name(), hash, config.seed(), engine.backend());
        out.printf("run folder %s%n", folder);
        out.printf("results store %s: run %d%n", config.results().storeUrl(), log.id());

        RunInputs inputs = RunInputs.of(config, out::println);
        DatasetIndex dataset = inputs.dataset();
        if (config.task() == TaskName.MULTICLASS) {
            ClassLabels.requireOnePerTrack(dataset.index());
        }
        DatasetFingerprint fingerprint = DatasetFingerprint.bySizeAndTime(dataset.index());
        Map<Split, List<Track>> splits = inputs.splits();
        Optional<FineTuning> tuning = fineTuning();
        try (BatchStream stream = inputs.stream();
             Network fresh = network(spec(inputs, tuning), inputs.chunkSamples())) {
            ModelSpec spec = fresh.spec();
            Checkpoints checkpoints = new Checkpoints(folder);
            Optional<Checkpoints.Resumed> resumed = checkpoints.latest(fresh);
            Network network = resumed.map(Checkpoints.Resumed::network).orElse(fresh);
            if (tuning.isPresent()) {
                // A resumed run's checkpoint already holds the tuned weights; a new one starts from the bundle's.
                ModelWeights start = tuning.get().startingWeights(fresh.weights(),
                        dataset.index().vocabulary().tags(), resumed.isPresent() ? line -> { } : out::println);
                if (resumed.isEmpty()) {
                    fresh.load(start);
                }
                if (!config.model().freeze().isEmpty()) {
                    FrozenLayers frozen = FrozenLayers.of(spec, config.model().freeze(), start);
                    out.printf("model.freeze: layers %s kept fixed (%d weight arrays)%n",
                            frozen.layers().stream().map(i -> i + 1).toList(), frozen.arrays().size());
                    network = new FrozenNetwork(network, frozen);
                }
            }
            try {
                out.printf("model %s  widths %s  input %dx%d  tags %d  trainable parameters %,d (budget %,d)%n",
                        spec.arch(), spec.widths(), spec.melBands(), spec.frames(), spec.tags(),
                        network.trainableParams(), config.model().params());
                out.printf("data %s: train %d  valid %d  test %d tracks; %d input workers, %s%n", dataset.root(),
                        splits.get(Split.TRAIN).size(), splits.get(Split.VALID).size(),
                        splits.get(Split.TEST).size(), config.pipeline().threads(),
                        inputs.audio() instanceof PcmCache cache ? "PCM cache " + cache.folder() : "no PCM cache");

                requireRankedValidation(splits.get(Split.VALID), dataset);
                Evaluator evaluator = evaluator(config, stream, dataset.index().vocabulary());
                log.built(modelRecord(spec, network.trainableParams()), engine.backend(),
                        Runtime.getRuntime().availableProcessors(), dataset.root().toAbsolutePath().toString(),
                        fingerprint, trackCounts(splits));
                Evaluator epochValidation = evaluator(config, config.eval().epochValidationChunks(), stream,
                        dataset.index().vocabulary());
                Trainer trainer = new Trainer(config.training(), stream, epochValidation, config.seed(), checkpoints,
                        out, log);
                TrainingState start = resumed.map(Checkpoints.Resumed::state).orElseGet(() -> trainer.start(started));
                TrainingState from = resume.isPresent() ? continued(folder, start, network, resume.get()) : start;
                if (resumed.isPresent()) {
                    out.printf("resuming %s at epoch %d, batch %d%n", folder, from.epoch(), from.batchesDone());
                }
                if (resume.isPresent()) {
                    log.resumedAfter(from.epochs());
                }
                FitResult fit = trainer.fit(network, splits.get(Split.TRAIN), splits.get(Split.VALID), from);
                Evaluation test = evaluator.evaluate(network, splits.get(Split.TEST));
                // The best epoch's validation gives the same per-track scores as validating its weights again, unless
                // it took fewer chunks or came before a resume.
                Optional<Evaluation> kept = fit.bestValidation()
                        .filter(v -> config.eval().epochValidationChunks() == config.eval().chunks());
                Evaluation valid = kept.isPresent() ? kept.get() : evaluator.evaluate(network, splits.get(Split.VALID));
                return record(id, folder, from.history(), hash, dataset, fingerprint, splits, stream.skipped(), spec,
                        fit.outcome(), valid, test, log);
            } finally {
                if (resumed.isPresent()) {
                    resumed.get().network().close();
                }
            }
        }
    }

    /**
     * Early stopping on ROC-AUC needs a validation tag with both positive and negative tracks: without one the
     * validation ROC-AUC is undefined at every epoch, and no epoch could ever count as better than the first.
     */
    private void requireRankedValidation(List<Track> valid, DatasetIndex dataset) {
        if (!config.training().earlyStopping().monitor().equals("roc_auc")) {
            return;
        }
        int tags = dataset.index().vocabulary().size();
        for (int tag = 0; tag < tags; tag++) {
            int positives = 0;
            for (Track track : valid) {
                positives += track.hasTag(tag) ? 1 : 0;
            }
            if (positives > 0 && positives < valid.size()) {
                return;
            }
        }
        throw new DatasetException("the validation split of " + dataset.root() + " (" + valid.size()
                + (valid.size() == 1 ? " track" : " tracks") + ") has no tag with both positive and negative tracks, so"
                + " its ROC-AUC is undefined and cannot pick the best epoch (expected more validation tracks, or"
                + " training.early_stopping.monitor: loss)");
    }

    /**
     * {@code from} as a resumed run goes on from it: at the learning rate {@code changes} give, if any, and with this
     * resumption in its history.
     */
    private TrainingState continued(Path folder, TrainingState from, Network network, ResumeOverrides changes) {
        double before = from.rate().lr();
        double lr = changes.lr().orElse(before);
        if (lr != before) {
            network.setLearningRate(lr);
        }
        out.printf("resuming %s at epoch %d, batch %d%s%n", folder, from.epoch(), from.batchesDone(),
                lr != before ? "; learning rate " + before + " -> " + lr : "");
        return from.resumed(new Resumption(Instant.now(), from.epoch(), from.batchesDone(), before, lr,
                changes.given()));
    }

    private RunRecord record(String id, Path folder, RunHistory history, String hash, DatasetIndex dataset,
                             DatasetFingerprint fingerprint, Map<Split, List<Track>> splits, SkippedTracks skipped,
                             ModelSpec spec, TrainingOutcome outcome, Evaluation valid, Evaluation test, RunLog log)
            throws IOException {
        Instant finished = Instant.now();
        Map<Split, TrackScores> scores = new EnumMap<>(Split.class);
        scores.put(Split.VALID, valid.scores());
        scores.put(Split.TEST, test.scores());
        List<Artifact> artifacts = new ArrayList<>(ScoreFiles.write(folder, dataset.index().vocabulary(), scores));
        artifacts.add(Artifact.of(folder, Checkpoints.BEST_MODEL, Artifact.BEST_MODEL));
        artifacts.add(Artifact.of(folder, Checkpoints.CHECKPOINT, Artifact.CHECKPOINT));
        TagVocabulary vocabulary = dataset.index().vocabulary();
        ClassMetrics classes = classMetrics(test, vocabulary);
        if (classes != null) {
            ConfusionMatrix.write(folder, classes);
        }
        RunRecord record = new RunRecord(id, config.name(), hash, config.seed(), ConfigLoader.canonicalTree(config),
                provenance(dataset, fingerprint, splits, skipped, history, finished),
                modelRecord(spec, spec.trainableParams() + FrontEndWeights.params(config.features())), outcome,
                test.metrics(), artifacts, labelRanking(test), classes);
        Path file = RunRecordFile.write(folder, record);
        log.finished(record, artifacts);
        LOG.debug("results store {}: run {}, {}", config.results().storeUrl(), log.id(), log.cost());
        out.printf("best epoch %d of %d; run record %s%n", outcome.bestEpoch(), outcome.epochs().size(), file);
        skipped.summary(NAMED_SKIPPED, file).forEach(out::println);
        print(Split.TEST, test, vocabulary);
        return record;
    }

    private ModelRecord modelRecord(ModelSpec spec, long params) {
        return new ModelRecord(spec.arch().configName(), spec.widths(), spec.melBands(), spec.frames(), spec.tags(),
                params, config.model().params());
    }

    private static Map<String, Integer> trackCounts(Map<Split, List<Track>> splits) {
        Map<String, Integer> tracks = new LinkedHashMap<>();
        splits.forEach((split, all) -> tracks.put(split.label(), all.size()));
        return tracks;
    }

    /**
     * The per-tag table and the summary lines of {@code split}'s metrics: a multilabel run's LRAP line, then its
     * ROC-AUC line (the last, as before tasks existed); a multiclass run's ROC-AUC line, its confusion matrix and
     * its accuracy line.
     */
    private void print(Split split, Evaluation evaluation, TagVocabulary vocabulary) {
        out.print(MetricsTable.perTag(evaluation.metrics()));
        ClassMetrics classes = classMetrics(evaluation, vocabulary);
        if (classes == null) {
            out.println(MetricsTable.ranking(split.label(), labelRanking(evaluation)));
        }
        out.println(MetricsTable.summary(split.label(), evaluation.metrics()));
        if (classes != null) {
            out.print(ConfusionMatrix.table(classes).markdown());
            MetricsTable.classes(split.label(), classes).forEach(out::println);
        }
    }

    /** A multilabel run's LRAP and lwlrap of {@code evaluation}; null for a multiclass run. */
    private LabelRanking labelRanking(Evaluation evaluation) {
        return config.task() == TaskName.MULTILABEL
                ? LabelRanking.of(evaluation.scores().scores(), evaluation.scores().labels()) : null;
    }

    /** A multiclass run's accuracy, balanced accuracy, macro F1 and confusion matrix; null for a multilabel run. */
    private ClassMetrics classMetrics(Evaluation evaluation, TagVocabulary vocabulary) {
        return config.task() == TaskName.MULTICLASS
                ? ClassMetrics.of(vocabulary, evaluation.scores().scores(), evaluation.scores().labels()) : null;
    }

    /** A new network for {@code spec}, with the mel front end inside when the config puts it there. */
    private Network network(ModelSpec spec, int chunkSamples) {
        return network(config, engine, spec, chunkSamples);
    }

    /**
     * A new network of {@code engine} for {@code spec} as {@code config} trains it (optimizer, conventions, seed),
     * eating chunks of {@code chunkSamples} samples through the mel front end inside when the config puts it there,
     * else their log-mel; a model bundle opens its network this way too.
     */
    public static Network network(ExperimentConfig config, Engine engine, ModelSpec spec, int chunkSamples) {
        OptimizerConfig optimizer = config.training().optimizer();
        TrainingConventions conventions = conventions(config);
        return config.features().frontend() == FrontEndPlacement.NETWORK
                ? engine.buildWithFrontEnd(spec, optimizer, conventions, config.seed(), config.features(),
                        chunkSamples)
                : engine.build(spec, optimizer, conventions, config.seed());
    }

    /** The conventions {@code config} trains under, minimising its loss. */
    public static TrainingConventions conventions(ExperimentConfig config) {
        return TrainingConventions.of(config.training().conventions()).minimising(config.training().loss());
    }

    /** The chunk length of {@code config} in samples: {@code data.chunk_seconds} at the sample rate, rounded. */
    public static int chunkSamples(ExperimentConfig config) {
        return (int) Math.round(config.data().chunkSeconds() * config.features().sampleRate());
    }

    /**
     * Refuses, before any data is read, a config whose training step would not fit in this machine's memory even
     * with a single tag: the estimate is a floor, which the run checks again with its dataset's tags. A budget the
     * width solver cannot reach, and a fine-tuned network (whose widths its bundle gives), are left to the run.
     */
    public static void requireTrainableHere(ExperimentConfig config) {
        int samples = chunkSamples(config);
        if (config.model().init() != null || samples < 1) {
            return;
        }
        ModelSpec spec;
        try {
            NetworkInput input = NetworkInput.of(config.features(), samples);
            spec = WidthSolver.solve(config.model().arch(), config.model().params(), input.height(), input.width(), 1);
        } catch (IllegalArgumentException e) {
            return;
        }
        requireFits(config, spec);
    }

    /** Refuses {@code spec} as {@code model.params} when a training step at the config's batch exceeds this machine. */
    private static void requireFits(ExperimentConfig config, ModelSpec spec) {
        int batch = config.training().batchSize();
        try {
            StepMemory.of(spec, batch).requireWithin(StepMemory.machineBytes(), config.model().params(), batch);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("model.params", e.getMessage());
        }
    }

    /** The network of this experiment's inputs, as {@link #spec(RunInputs, Optional)} solves it. */
    private ModelSpec spec(RunInputs inputs) throws IOException {
        return spec(inputs, fineTuning());
    }

    /** The bundle a fine-tuned run starts from ({@code model.init}), if the config names one. */
    private Optional<FineTuning> fineTuning() throws IOException {
        return config.model().init() == null ? Optional.empty() : Optional.of(FineTuning.of(config.model()));
    }

    /**
     * The architecture at its budget (a fine-tuned run: at its bundle's widths), solved for this input's mel bands
     * and frames (or 1 x samples of waveform) and tags; refused before any engine allocates it when a training step
     * would not fit in the machine's memory.
     */
    private ModelSpec spec(RunInputs inputs, Optional<FineTuning> tuning) {
        ModelSpec spec;
        try {
            NetworkInput input = NetworkInput.of(config.features(), inputs.chunkSamples());
            int tags = inputs.dataset().index().vocabulary().size();
            spec = tuning.isPresent() ? tuning.get().spec(input.height(), input.width(), tags)
                    : WidthSolver.solve(config.model().arch(), config.model().params(), input.height(),
                    input.width(), tags);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("model.params", e.getMessage());
        }
        requireFits(config, spec);
        return spec;
    }

    private Provenance provenance(DatasetIndex dataset, DatasetFingerprint fingerprint,
                                  Map<Split, List<Track>> splits, SkippedTracks skipped, RunHistory history,
                                  Instant finished) {
        Map<String, Integer> tracks = new LinkedHashMap<>();
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        Map<Split, List<String>> bySplit = skipped.bySplit();
        splits.forEach((split, all) -> {
            tracks.put(split.label(), all.size() - bySplit.get(split).size());
            reasons.put(split.label(), bySplit.get(split));
        });
        return new Provenance(Versions.tagbench(), Versions.gitCommit(), System.getProperty("java.version"), os(),
                Host.name(), engine.backend(), Runtime.getRuntime().availableProcessors(), Versions.dependencies(),
                dataset.root().toAbsolutePath().toString(), fingerprint, tracks, reasons, history.started(), finished,
                history.resumptions());
    }
}
