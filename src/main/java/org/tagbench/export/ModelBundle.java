package org.tagbench.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.EngineName;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.FrontEndPlacement;
import org.tagbench.config.SyntaxProblem;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.pipeline.ChunkFeatures;
import org.tagbench.engine.Engine;
import org.tagbench.engine.Network;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.experiment.Experiment;
import org.tagbench.experiment.RunModel;
import org.tagbench.experiment.Versions;
import org.tagbench.files.AtomicFile;
import org.tagbench.files.AtomicFolder;
import org.tagbench.files.FileDigest;
import org.tagbench.files.FileFailure;
import org.tagbench.frontend.FrontEndWeights;
import org.tagbench.frontend.NetworkInput;
import org.tagbench.metrics.TagScore;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelSummary;
import org.tagbench.model.ModelWeights;
import org.tagbench.results.ModelRecord;
import org.tagbench.results.RunRecord;
import org.tagbench.results.RunRecordFile;
import org.tagbench.train.Checkpoints;

/**
 * A trained model that leaves tagbench: its network ({@code spec}, {@code weights} in the engine-neutral layout), the
 * tags its outputs stand for in order, the resolved config it was trained with (features, chunking, evaluation,
 * engine, conventions), its test metrics and its provenance, as the run's record has them. On disk it is a folder
 * (docs/export.md): {@code model.json}, {@code weights.npz}, {@code config.json}, {@code metrics.json},
 * {@code provenance.json} and {@code MODEL_CARD.md}, written whole or not at all; either engine opens it as a
 * ready {@link Network} ({@link #network}).
 *
 * @param spec the network's structure
 * @param weights every weight, batch norm's running statistics included
 * @param tags the tag of each output, in order
 * @param config the run's resolved config
 * @param metrics the run's test metrics (per tag, macro, micro) as its record writes them
 * @param provenance the run id, experiment key, config hash and the run's provenance (versions, commit, dataset
 *                   fingerprint)
 */
public record ModelBundle(ModelSpec spec, ModelWeights weights, List<String> tags, ExperimentConfig config,
                          JsonNode metrics, JsonNode provenance) {
    /** The version of the bundle layout that {@code model.json} records; a reader refuses others. */
    public static final int FORMAT_VERSION = 1;
    /** The bundle's description of the model, with the SHA-256 of every other file. */
    public static final String MODEL_FILE = "model.json";
    /** The weights, one {@code .npy} per array of the layout. */
    public static final String WEIGHTS_FILE = WeightsNpz.FILE;
    /** The resolved config the model was trained with. */
    public static final String CONFIG_FILE = "config.json";
    /** The test metrics. */
    public static final String METRICS_FILE = "metrics.json";
    /** Where the model came from. */
    public static final String PROVENANCE_FILE = "provenance.json";
    /** The model card. */
    public static final String CARD_FILE = "MODEL_CARD.md";
    /** The ONNX model that {@code export --format onnx|all} writes beside (or instead of) the bundle's files. */
    public static final String ONNX_FILE = "model.onnx";
    /** The files besides {@code model.json}, in the order {@code model.json} lists their digests. */
    private static final List<String> HASHED = List.of(WEIGHTS_FILE, CONFIG_FILE, METRICS_FILE, PROVENANCE_FILE,
            CARD_FILE);
    /** The provenance key that marks a bundle of random initial weights. */
    private static final String UNTRAINED = "untrained";
    private static final String EARLIER_EXPORT = "an earlier export (a bundle or a " + ONNX_FILE + ")";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Requires one tag per output and weights of the spec's layout. */
    public ModelBundle {
        tags = List.copyOf(tags);
        if (tags.size() != spec.tags()) {
            throw new IllegalArgumentException(tags.size() + " tags for a model of " + spec.tags() + " outputs");
        }
        weights.requireLayout(FrontEndWeights.layout(spec, config.features()));
    }

    /** Trainable parameters: the spec's, and a trainable front end's filterbank (and DFT basis). */
    public long trainableParams() {
        return spec.trainableParams() + FrontEndWeights.params(features());
    }

    /** The features the model eats, exactly as its config has them (mel settings, sample rate, where the mel runs). */
    public FeatureConfig features() {
        return config.features();
    }

    /** The sample rate of the audio the model eats. */
    public int sampleRate() {
        return config.features().sampleRate();
    }

    /** One chunk's length in samples. */
    public int chunkSamples() {
        return Experiment.chunkSamples(config);
    }

    /** One chunk's length in seconds, as the config gives it. */
    public double chunkSeconds() {
        return config.data().chunkSeconds();
    }

    /** How many evenly spaced chunks per track evaluation averaged ({@code eval.chunks}). */
    public int evalChunks() {
        return config.eval().chunks();
    }

    /** The engine that trained the model. */
    public EngineName engine() {
        return config.training().engine();
    }

    /**
     * The model of the finished run in {@code folder}: its best epoch's weights read with the engine that trained
     * it, its record's structure, tags, test metrics and provenance. A folder that is not a finished run with a best
     * model is a one-line {@link ConfigException}.
     */
    public static ModelBundle fromRun(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new ConfigException("RUN", folder + (Files.exists(folder) ? " is not a folder" : " does not exist")
                    + " (expected a run folder, results/<run id>, or a run id from the store)");
        }
        if (!Files.isRegularFile(folder.resolve(Experiment.CONFIG_FILE))) {
            throw new ConfigException("RUN", folder + " is not a run folder (it has no " + Experiment.CONFIG_FILE + ")");
        }
        if (!Files.isRegularFile(folder.resolve(Checkpoints.BEST_MODEL))) {
            throw new ConfigException("RUN", folder + " has no " + Checkpoints.BEST_MODEL
                    + " (no epoch of it finished, so there is no model to export)");
        }
        Path recordFile = folder.resolve(RunRecordFile.FILE_NAME);
        if (!Files.isRegularFile(recordFile)) {
            throw new ConfigException("RUN", folder + " is not a finished run (it has no " + RunRecordFile.FILE_NAME
                    + "; finish it with tagbench run --resume " + folder + ")");
        }
        ExperimentConfig config = ConfigLoader.loadSaved(folder.resolve(Experiment.CONFIG_FILE));
        RunRecord record;
        JsonNode recordTree;
        try {
            record = RunRecordFile.read(recordFile);
            recordTree = JSON.readTree(recordFile.toFile());
        } catch (IOException e) {
            throw FileFailure.damaged(recordFile, e);
        }
        ModelSpec spec = spec(record.model(), config.features(), recordFile);
        List<String> tags = record.test().perTag().stream().map(TagScore::tag).toList();
        ModelWeights weights;
        try (Network network = Experiment.network(config, Engine.named(config.training().engine()), spec,
                Experiment.chunkSamples(config))) {
            weights = new Checkpoints(folder).bestWeights(network);
        }
        ObjectNode provenance = JSON.createObjectNode();
        provenance.put("run_id", record.id());
        provenance.put("experiment", record.name());
        provenance.put("experiment_key", ConfigLoader.experimentKey(config));
        provenance.put("config_hash", record.configHash());
        provenance.put("seed", record.seed());
        provenance.set("run", recordTree.get("provenance"));
        ObjectNode exporter = provenance.putObject("exported_by");
        exporter.put("tagbench_version", Versions.tagbench());
        exporter.put("git_commit", Versions.gitCommit());
        return new ModelBundle(spec, weights, tags, config, recordTree.get("test"), provenance);
    }

    /**
     * This bundle's network with the weights it had before any training: the architecture's random initialisation
     * drawn from the config's seed on the engine that trained it ({@code export --random}, the baseline of a probe).
     * Its metrics are empty and its provenance says it is untrained and whose initialisation it is.
     */
    public ModelBundle untrained() {
        ModelWeights initial;
        try (Network network = Experiment.network(config, Engine.named(engine()), spec, chunkSamples())) {
            initial = network.weights();
        }
        ObjectNode origin = provenance.deepCopy();
        origin.put(UNTRAINED, true);
        origin.put("weights", "random initialisation of the " + engine().configName() + " engine, seed "
                + config.seed() + ", no training step");
        return new ModelBundle(spec, initial, tags, config, JSON.createObjectNode(), origin);
    }

    /** Whether the weights were trained (false for {@link #untrained}'s random initialisation). */
    public boolean trained() {
        return !provenance.path(UNTRAINED).asBoolean(false);
    }

    /**
     * The network a run record describes, as its architecture builds it from the recorded widths and input; the
     * recorded count includes a trainable front end's arrays ({@code features}).
     */
    private static ModelSpec spec(ModelRecord model, FeatureConfig features, Path recordFile) {
        Architecture arch = Architecture.byName(model.arch()).orElseThrow(() -> new ConfigException(
                recordFile.toString(), "model.arch " + model.arch() + " is not an architecture of this tagbench"));
        ModelSpec spec = arch.spec(model.melBands(), model.frames(), model.tags(),
                model.widths().stream().mapToInt(Integer::intValue).toArray());
        long params = spec.trainableParams() + FrontEndWeights.params(features);
        if (params != model.params()) {
            throw new ConfigException(recordFile.toString(), "records " + model.params() + " trainable parameters,"
                    + " but " + arch.configName() + " with widths " + model.widths() + " has " + params);
        }
        return spec;
    }

    /**
     * Writes this bundle as the folder {@code folder}, whole or not at all; the folder must be new, empty or an
     * earlier export (which is replaced).
     */
    public void write(Path folder) throws IOException {
        write(folder, ExportFormat.BUNDLE);
    }

    /**
     * Writes {@code format} of this model into the folder {@code folder} (the bundle's files, {@value #ONNX_FILE},
     * or both), whole or not at all; the folder must be new, empty or an earlier export (which is replaced).
     */
    public void write(Path folder, ExportFormat format) throws IOException {
        AtomicFolder.write(folder, ModelBundle::isExport, EARLIER_EXPORT, into -> {
            if (format.bundle()) {
                writeInto(into);
            }
            if (format.onnx()) {
                writeOnnx(into.resolve(ONNX_FILE));
            }
        });
    }

    /** Refuses {@code folder} unless it is new, empty or an earlier export: checked before a run is loaded. */
    public static void requireWritable(Path folder) throws IOException {
        AtomicFolder.requireReplaceable(folder, ModelBundle::isExport, EARLIER_EXPORT);
    }

    /**
     * Writes this model as one ONNX file (audio in, tags and embedding out; {@link OnnxModelWriter}), its metadata
     * also carrying what {@link OnnxTagger} needs to evaluate as the run did (evaluation chunks, the embedding's
     * layer) and where the model came from (run id, experiment key, config hash, dataset fingerprint, engine).
     */
    public void writeOnnx(Path file) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(OnnxTagger.KEY_EVAL_CHUNKS, Integer.toString(evalChunks()));
        metadata.put(OnnxTagger.KEY_EMBEDDING_LAYER, Integer.toString(spec.embeddingLayer()));
        metadata.put("engine", engine().configName());
        metadata.put("run_id", provenanceText("run_id"));
        metadata.put("experiment", provenanceText("experiment"));
        metadata.put("experiment_key", provenanceText("experiment_key"));
        metadata.put("config_hash", provenanceText("config_hash"));
        metadata.put("dataset_fingerprint", provenanceText("run", "dataset_fingerprint"));
        metadata.put("trained_with_tagbench", provenanceText("run", "tagbench_version"));
        metadata.put("trained_at_commit", provenanceText("run", "git_commit"));
        OnnxModelWriter.write(spec, weights, Experiment.conventions(config),
                features(), tags, chunkSamples(), metadata, file);
    }

    /**
     * Writes the bundle folder {@code folder} as one zip, {@code zip}, its files under the folder's name, with the
     * folder's {@code model.onnx} when it has one.
     */
    public static void zip(Path folder, Path zip) throws IOException {
        String name = folder.toAbsolutePath().normalize().getFileName().toString();
        List<String> files = new ArrayList<>(HASHED);
        files.add(0, MODEL_FILE);
        if (Files.isRegularFile(folder.resolve(ONNX_FILE))) {
            files.add(ONNX_FILE);
        }
        try {
            AtomicFile.write(zip, out -> {
                ZipOutputStream entries = new ZipOutputStream(out);
                for (String file : files) {
                    entries.putNextEntry(new ZipEntry(name + "/" + file));
                    Files.copy(folder.resolve(file), entries);
                    entries.closeEntry();
                }
                entries.finish();
            });
        } catch (IOException e) {
            throw FileFailure.naming(zip, e);
        }
    }

    private void writeInto(Path folder) throws IOException {
        try (OutputStream out = Files.newOutputStream(folder.resolve(WEIGHTS_FILE))) {
            weights.writeNpz(out, true);
        }
        Files.writeString(folder.resolve(CONFIG_FILE), ConfigLoader.canonicalJson(config), StandardCharsets.UTF_8);
        JSON.writeValue(folder.resolve(METRICS_FILE).toFile(), metrics);
        JSON.writeValue(folder.resolve(PROVENANCE_FILE).toFile(), provenance);
        Files.writeString(folder.resolve(CARD_FILE), ModelCard.of(this), StandardCharsets.UTF_8);
        ObjectNode model = description();
        ObjectNode digests = model.putObject("sha256");
        for (String file : HASHED) {
            digests.put(file, FileDigest.sha256(folder.resolve(file)));
        }
        JSON.writeValue(folder.resolve(MODEL_FILE).toFile(), model);
    }

    /** {@code model.json} without the digests: everything needed to turn audio into tags with this model. */
    private ObjectNode description() {
        ObjectNode model = JSON.createObjectNode();
        model.put("format_version", FORMAT_VERSION);
        model.put("architecture", spec.arch().configName());
        model.set("widths", JSON.valueToTree(spec.widths()));
        model.set("input_shape", JSON.valueToTree(List.of(1, spec.melBands(), spec.frames())));
        model.put("network_input", features().frontend() == FrontEndPlacement.CPU ? "log-mel" : "waveform");
        model.put("trainable_params", trainableParams());
        model.put("trained", trained());
        model.set("tags", JSON.valueToTree(tags));
        model.set("features", ConfigLoader.canonicalTree(config).get("features"));
        model.put("sample_rate", sampleRate());
        ObjectNode chunk = model.putObject("chunk");
        chunk.put("samples", chunkSamples());
        chunk.put("seconds", chunkSeconds());
        chunk.put("frames", spec.frames());
        ObjectNode evaluation = model.putObject("evaluation");
        evaluation.put("chunks", evalChunks());
        evaluation.put("placement", "evenly spaced over the track, the first at its start and the last at its end"
                + " (one chunk: the centre); a track shorter than a chunk is zero-padded at its end");
        evaluation.put("aggregate", "mean");
        evaluation.put("output", Experiment.conventions(config).softmaxOutputs() ? "softmax" : "sigmoid");
        model.put("engine", engine().configName());
        model.put("training_conventions", config.training().conventions().configName());
        model.put("batch_norm_epsilon", TrainingConventions.of(config.training().conventions()).batchNorm()
                .epsilon());
        ObjectNode layout = model.putObject("weights");
        layout.put("file", WEIGHTS_FILE);
        layout.put("dtype", "float32");
        layout.put("names", "PyTorch state_dict names per spec layer i: layers.i.conv.weight, layers.i.bn.weight,"
                + " ... (docs/export.md)");
        layout.set("arrays", JSON.valueToTree(weights.arrays().keySet()));
        model.set("layers", ModelSummary.json(spec).get("layers"));
        return model;
    }

    /** Whether {@code folder} holds an earlier export that a new one may replace (a bundle or a model.onnx). */
    private static boolean isExport(Path folder) {
        return Files.isRegularFile(folder.resolve(MODEL_FILE)) && Files.isRegularFile(folder.resolve(WEIGHTS_FILE))
                || Files.isRegularFile(folder.resolve(ONNX_FILE));
    }

    /**
     * True when {@code folder} holds a bundle's {@code model.json} or {@code weights.npz} (a run folder has neither),
     * so that a bundle missing one of its files is read, and refused, as a bundle rather than taken for a run folder.
     */
    public static boolean isBundle(Path folder) {
        return Files.isRegularFile(folder.resolve(MODEL_FILE)) || Files.isRegularFile(folder.resolve(WEIGHTS_FILE));
    }

    /**
     * The bundle in {@code folder}, every file present and as {@code model.json}'s SHA-256 says, its weights of the
     * described network's layout; anything else is a one-line {@link ConfigException} naming the file.
     */
    public static ModelBundle read(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new ConfigException(folder.toString(), (Files.exists(folder) ? "is not a folder" : "does not exist")
                    + " (expected a model bundle, the folder tagbench export writes)");
        }
        List<String> all = new ArrayList<>(HASHED);
        all.add(0, MODEL_FILE);
        for (String file : all) {
            if (!Files.isRegularFile(folder.resolve(file))) {
                throw new ConfigException(folder.toString(), "is not a whole model bundle: it has no " + file
                        + " (expected " + String.join(", ", all) + "; export the run again)");
            }
        }
        Path modelFile = folder.resolve(MODEL_FILE);
        JsonNode model = json(modelFile);
        int version = field(model, "format_version", modelFile).asInt();
        if (version != FORMAT_VERSION) {
            throw new ConfigException(modelFile.toString(), "format_version " + version + " is not one this tagbench"
                    + " reads (expected " + FORMAT_VERSION + ")");
        }
        JsonNode digests = field(model, "sha256", modelFile);
        for (String file : HASHED) {
            String recorded = field(digests, file, modelFile).asText();
            String actual = FileDigest.sha256(folder.resolve(file));
            if (!actual.equals(recorded)) {
                throw new ConfigException(folder.resolve(file).toString(), "has SHA-256 " + actual + ", but "
                        + MODEL_FILE + " records " + recorded + " (the file was changed or damaged after export)");
            }
        }
        ExperimentConfig config = ConfigLoader.loadSaved(folder.resolve(CONFIG_FILE));
        JsonNode features = ConfigLoader.canonicalTree(config).get("features");
        if (!features.equals(field(model, "features", modelFile))) {
            throw new ConfigException(modelFile.toString(), "features differ from those of " + CONFIG_FILE);
        }
        List<String> tags = new ArrayList<>();
        field(model, "tags", modelFile).forEach(tag -> tags.add(tag.asText()));
        ModelSpec spec = spec(model, tags.size(), config.features(), modelFile);
        int frames = NetworkInput.of(config.features(), Experiment.chunkSamples(config)).width();
        if (frames != spec.frames()) {
            throw new ConfigException(modelFile.toString(), "input_shape has " + spec.frames() + " frames, but a"
                    + " chunk of " + CONFIG_FILE + " makes " + frames);
        }
        ModelWeights weights = WeightsNpz.read(folder.resolve(WEIGHTS_FILE),
                FrontEndWeights.layout(spec, config.features()));
        return new ModelBundle(spec, weights, tags, config, json(folder.resolve(METRICS_FILE)),
                json(folder.resolve(PROVENANCE_FILE)));
    }

    /**
     * The bundle in {@code zip} as {@link #zip} writes it (the bundle's files under one folder), unpacked to a temp
     * folder and checked as {@link #read} checks a folder; errors name the zip (and the file inside it).
     */
    public static ModelBundle readZip(Path zip) throws IOException {
        Path folder = Files.createTempDirectory("tagbench-bundle");
        try {
            try (ZipFile entries = new ZipFile(zip.toFile())) {
                for (ZipEntry entry : Collections.list(entries.entries())) {
                    // Only the bundle's own file names are taken, so no entry can write outside the temp folder.
                    String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                    if (!entry.isDirectory() && (name.equals(MODEL_FILE) || HASHED.contains(name))) {
                        try (InputStream in = entries.getInputStream(entry)) {
                            Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } catch (ZipException e) {
                throw new ConfigException(zip.toString(), "is not a zip (" + e.getMessage() + "; expected the .zip"
                        + " of tagbench export --zip)");
            }
            return read(folder);
        } catch (ConfigException e) {
            throw new ConfigException(e.where().replace(folder.toString(), zip.toString()), e.problem());
        } finally {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(folder);
        }
    }

    /**
     * The network {@code model.json} describes: its architecture at its widths for its input and {@code tags}; its
     * recorded count includes a trainable front end's arrays ({@code features}).
     */
    private static ModelSpec spec(JsonNode model, int tags, FeatureConfig features, Path modelFile) {
        String name = field(model, "architecture", modelFile).asText();
        Architecture arch = Architecture.byName(name).orElseThrow(() -> new ConfigException(modelFile.toString(),
                "architecture " + name + " is not one of this tagbench (known: " + Architecture.knownNames() + ")"));
        int[] widths = new int[field(model, "widths", modelFile).size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = model.get("widths").get(i).asInt();
        }
        JsonNode input = field(model, "input_shape", modelFile);
        if (input.size() != 3) {
            throw new ConfigException(modelFile.toString(), "input_shape is " + input + " (expected [1, n_mels,"
                    + " frames])");
        }
        ModelSpec spec;
        try {
            spec = arch.spec(input.get(1).asInt(), input.get(2).asInt(), tags, widths);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(modelFile.toString(), "describes no network tagbench builds: " + e.getMessage());
        }
        long params = field(model, "trainable_params", modelFile).asLong();
        long counted = spec.trainableParams() + FrontEndWeights.params(features);
        if (counted != params) {
            throw new ConfigException(modelFile.toString(), "trainable_params is " + params + ", but " + name
                    + " with widths " + spec.widths() + " has " + counted);
        }
        return spec;
    }

    private static JsonNode field(JsonNode node, String name, Path file) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new ConfigException(file.toString(), "has no " + name);
        }
        return value;
    }

    private static JsonNode json(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException(file.toString(), "is not JSON (" + SyntaxProblem.reason(e) + ")");
        }
    }

    /**
     * This model as a ready network of {@code engine} (either engine opens a bundle either trained): built from the
     * spec as the run built it, every weight loaded. It eats what the run's network ate: log-mel chunks
     * [rows, n_mels, frames], or raw chunks [rows, samples] with {@code features.frontend: network}. Close it.
     */
    public Network network(EngineName engine) {
        Network network = Experiment.network(config, Engine.named(engine), spec, chunkSamples());
        try {
            network.load(weights);
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** This model on the engine that trained it, with its tags, chunking and features: fed as its run was. Close it. */
    public RunModel model() {
        return new RunModel(config, new TagVocabulary(tags), chunkSamples(), ChunkFeatures.of(features()),
                network(engine()));
    }

    /** The per-tag rows of {@link #metrics}: tag, positives, ROC-AUC and PR-AUC (NaN when undefined). */
    List<TagScore> perTag() {
        List<TagScore> rows = new ArrayList<>();
        JsonNode perTag = metrics.get("per_tag");
        if (perTag instanceof ArrayNode array) {
            for (JsonNode row : array) {
                rows.add(new TagScore(row.path("tag").asText(), row.path("positives").asInt(),
                        number(row.get("roc_auc")), number(row.get("pr_auc"))));
            }
        }
        return rows;
    }

    private static double number(JsonNode value) {
        return value == null || !value.isNumber() ? Double.NaN : value.asDouble();
    }

    /** Keys of {@link #provenance} a model card names, as text ("unknown" when absent). */
    String provenanceText(String... path) {
        JsonNode node = provenance;
        for (String key : path) {
            node = node == null ? null : node.get(key);
        }
        return node == null || node.isNull() ? "unknown" : node.isValueNode() ? node.asText() : node.toString();
    }
}
