package org.tagbench.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.tagbench.audio.ResampleNote;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ProbeBundle;
import org.tagbench.config.ProbeConfig;
import org.tagbench.config.TaskName;
import org.tagbench.data.ClassLabels;
import org.tagbench.data.DatasetException;
import org.tagbench.data.DatasetFingerprint;
import org.tagbench.data.Split;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.data.readers.DatasetIndex;
import org.tagbench.export.ModelBundle;
import org.tagbench.export.NetworkTagger;
import org.tagbench.files.AtomicFile;
import org.tagbench.files.FileFailure;
import org.tagbench.files.ResultFolder;
import org.tagbench.metrics.TrackScores;
import org.tagbench.report.ConfusionMatrix;
import org.tagbench.report.MetricsTable;
import org.tagbench.results.Artifact;
import org.tagbench.results.ProbeRecord;
import org.tagbench.results.ResultsStore;
import org.tagbench.results.ScoreFiles;
import org.tagbench.results.StoredProbes;

/**
 * {@code tagbench probe CONFIG}: embeddings of a labelled dataset by one or more bundles' layers, concatenated, a
 * probe fitted on them ({@link ProbeFitting}), and the same probe on the embeddings of the same architectures with
 * their random initial weights ({@link ModelBundle#untrained}), made automatically as the baseline every probe is
 * reported beside. Both land in the results store as finished rows of kind {@code probe}, with their test score
 * files in a probe folder {@code results.dir/<time>-<name>-<hash>/} (the baseline's in its {@code random/}), so
 * {@code runs} and {@code compare} show them beside trained runs. A multiclass dataset ({@code task: multiclass}) gets
 * softmax probes and a run's class metrics (accuracy, balanced accuracy, macro F1, confusion matrix).
 */
public final class Probe {
    /** The probe's summary file in its folder. */
    public static final String SUMMARY_FILE = "probe.json";
    /** The baseline's sub-folder. */
    public static final String BASELINE_FOLDER = "random";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ProbeConfig config;
    private final PrintStream out;
    private final EmbeddingCache cache;
    private final Map<Integer, ResampleNote> resampling = new HashMap<>();

    /** A probe of {@code config} printing its report to {@code out}. */
    public Probe(ProbeConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.cache = EmbeddingCache.of(config.pipeline());
    }

    /**
     * The outcome: the probe's and its baseline's fits, their rows in the store, the folder, and how many embeddings
     * the cache gave and how many were computed.
     */
    public record Outcome(ProbeFitting probe, ProbeFitting baseline, long probeId, long baselineId, Path folder,
                          int cacheHits, int cacheMisses) {
    }

    /** Runs the probe and its baseline, writes the probe folder and records both in the store. */
    public Outcome run() throws IOException {
        Instant started = Instant.now();
        ResultsStore store = ResultsStore.open(config.results().storeUrl());
        List<ProbedBundle> bundles = new ArrayList<>();
        for (int i = 0; i < config.bundles().size(); i++) {
            bundles.add(read(config.bundles().get(i), i));
        }
        List<List<Integer>> layers = new ArrayList<>();
        for (int i = 0; i < bundles.size(); i++) {
            layers.add(layers(bundles.get(i), config.bundles().get(i), i));
        }
        ModelBundle first = bundles.get(0).bundle();
        DatasetIndex dataset = DatasetIndex.open(config.data(), first.features());
        if (config.task() == TaskName.MULTICLASS) {
            ClassLabels.requireOnePerTrack(dataset.index());
        }
        TagVocabulary vocabulary = dataset.index().vocabulary();
        List<Track> tracks = dataset.index().tracks();
        DatasetFingerprint fingerprint = DatasetFingerprint.bySizeAndTime(dataset.index());
        String hash = ConfigLoader.hash(config);
        out.printf("probe %s  config %s  %s probe  seed %d%n", config.name(), hash,
                config.probe().kind().name().toLowerCase(Locale.ROOT), config.seed());
        out.printf("data %s: %d tracks, %d tags; embedding cache %s%n", dataset.root(), tracks.size(),
                vocabulary.size(), cache.folder());

        double[][] trained = embed(bundles, layers, tracks, fingerprint);
        List<ProbedBundle> random = bundles.stream().map(ProbedBundle::untrained).toList();
        double[][] untrained = embed(random, layers, tracks, fingerprint);
        Map<Split, SplitEmbeddings> trainedSplits = splits(tracks, trained, untrained);
        Map<Split, SplitEmbeddings> randomSplits = splits(tracks, untrained, trained);
        sayOneClassTags(trainedSplits, vocabulary);
        out.printf("embeddings: %d dimensions (%s); %d from the cache, %d computed%n", trained[0].length,
                describe(bundles, layers), cache.hits(), cache.misses());

        ProbeFitting probe = fit(vocabulary, trainedSplits);
        ProbeFitting baseline = fit(vocabulary, randomSplits);
        printGrid("probe", probe);
        printGrid("random weights", baseline);

        Path folder = ResultFolder.claim(config.results().dir(), started, config.name(), hash);
        Path baselineFolder = Files.createDirectories(folder.resolve(BASELINE_FOLDER));
        List<Artifact> probeFiles = scoreFiles(folder, vocabulary, probe);
        List<Artifact> baselineFiles = scoreFiles(baselineFolder, vocabulary, baseline);
        if (probe.testClasses() != null) {
            ConfusionMatrix.write(folder, probe.testClasses());
            ConfusionMatrix.write(baselineFolder, baseline.testClasses());
        }
        List<String> digests = bundles.stream().map(ProbedBundle::digest).toList();
        String key = ConfigLoader.experimentKey(config, digests);
        String arch = "probe:" + String.join("+", bundles.stream().map(b -> b.bundle().spec().arch().configName())
                .toList());
        long params = bundles.stream().mapToLong(b -> b.bundle().spec().trainableParams()).sum();
        Instant finished = Instant.now();
        StoredProbes stored = new StoredProbes(store);
        Map<String, Integer> counts = trackCounts(trainedSplits);
        String engine = first.engine().configName();
        long probeId = stored.record(record(folder, key, hash, arch, params, engine, dataset, fingerprint, counts,
                probe, probeFiles, started, finished));
        long baselineId = stored.record(record(baselineFolder, key, hash, arch + "-random", params, engine, dataset,
                fingerprint, counts, baseline, baselineFiles, started, finished));
        writeSummary(folder, bundles, random, layers, probe, baseline, probeId, baselineId, fingerprint);
        out.printf(Locale.ROOT, "test: probe ROC-AUC %.4f PR-AUC %.4f; random weights ROC-AUC %.4f PR-AUC %.4f"
                        + " (%d tracks)%n", probe.testMetrics().rocAucMacro(), probe.testMetrics().prAucMacro(),
                baseline.testMetrics().rocAucMacro(), baseline.testMetrics().prAucMacro(),
                probe.testMetrics().tracks());
        printClasses("probe", probe);
        printClasses("random weights", baseline);
        out.printf("probe folder %s; results store %s: probe %d, random-weights baseline %d%n", folder,
                store.url(), probeId, baselineId);
        return new Outcome(probe, baseline, probeId, baselineId, folder, cache.hits(), cache.misses());
    }

    /** The bundle of entry {@code i}, read and checked; its errors name the entry. */
    private static ProbedBundle read(ProbeBundle entry, int i) throws IOException {
        try {
            return ProbedBundle.of(entry.path().toString(), ModelBundle.read(entry.path()));
        } catch (ConfigException e) {
            throw new ConfigException("bundles[" + i + "].path", e.where() + " " + e.problem());
        }
    }

    /** The layers (numbered from 1) entry {@code i} names, or the bundle's penultimate. */
    private static List<Integer> layers(ProbedBundle bundle, ProbeBundle entry, int i) {
        if (entry.layers().isEmpty()) {
            return List.of(bundle.bundle().spec().embeddingLayer());
        }
        Set<Integer> chosen = new LinkedHashSet<>();
        for (String name : entry.layers()) {
            try {
                chosen.add(NetworkTagger.layer(bundle.bundle().spec(), name));
            } catch (ConfigException e) {
                throw new ConfigException("bundles[" + i + "].layers", e.problem());
            }
        }
        return List.copyOf(chosen);
    }

    /**
     * Every track's embedding: each bundle's layers, concatenated in config order. Audio at another rate than a
     * bundle eats is resampled, said once per bundle rate and audio rate however many layers, bundles and baselines
     * decode it ({@code resampling} keeps one note per bundle rate).
     */
    private double[][] embed(List<ProbedBundle> bundles, List<List<Integer>> layers, List<Track> tracks,
                             DatasetFingerprint fingerprint) throws IOException {
        List<double[][]> parts = new ArrayList<>();
        for (int b = 0; b < bundles.size(); b++) {
            ProbedBundle bundle = bundles.get(b);
            ResampleNote note = resampling.computeIfAbsent(bundle.bundle().sampleRate(),
                    rate -> new ResampleNote(bundle.label(), rate, out::println));
            for (int layer : layers.get(b)) {
                parts.add(cache.embeddings(bundle, layer, tracks, fingerprint.dataset(), config.pipeline().threads(),
                        out::println, note));
            }
        }
        double[][] rows = new double[tracks.size()][];
        for (int i = 0; i < rows.length; i++) {
            int width = 0;
            for (double[][] part : parts) {
                width += part[i].length;
            }
            rows[i] = new double[width];
            int at = 0;
            for (double[][] part : parts) {
                System.arraycopy(part[i], 0, rows[i], at, part[i].length);
                at += part[i].length;
            }
        }
        return rows;
    }

    /**
     * Each split's tracks that both {@code x} and {@code other} embedded (a track whose audio could not be read is
     * left out of both, so the probe and its baseline see the same tracks); a split left empty is an error.
     */
    private static Map<Split, SplitEmbeddings> splits(List<Track> tracks, double[][] x, double[][] other) {
        Map<Split, SplitEmbeddings> splits = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            List<String> ids = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            List<boolean[]> labels = new ArrayList<>();
            for (int i = 0; i < tracks.size(); i++) {
                Track track = tracks.get(i);
                if (track.split() == split && readable(x[i]) && readable(other[i])) {
                    ids.add(track.id());
                    rows.add(x[i]);
                    labels.add(track.labels());
                }
            }
            if (ids.isEmpty()) {
                throw new DatasetException("the " + split.label() + " split has no track with readable audio,"
                        + " nothing to " + (split == Split.TRAIN ? "fit the probe on" : "score it on"));
            }
            splits.put(split, new SplitEmbeddings(ids, rows.toArray(double[][]::new),
                    labels.toArray(boolean[][]::new)));
        }
        return splits;
    }

    private static boolean readable(double[] row) {
        return row.length > 0 && !Double.isNaN(row[0]);
    }

    /**
     * One line per split naming the tags with one class only there, which its macro means leave out; for a multiclass
     * dataset, the classes the split has no track of.
     */
    private void sayOneClassTags(Map<Split, SplitEmbeddings> splits, TagVocabulary vocabulary) {
        if (config.task() == TaskName.MULTICLASS) {
            sayAbsentClasses(splits, vocabulary);
            return;
        }
        splits.forEach((split, embedded) -> {
            List<String> oneClass = new ArrayList<>();
            for (int t = 0; t < vocabulary.size(); t++) {
                int positives = 0;
                for (boolean[] row : embedded.labels()) {
                    positives += row[t] ? 1 : 0;
                }
                if (positives == 0 || positives == embedded.labels().length) {
                    oneClass.add(vocabulary.tags().get(t) + (positives == 0 ? " (no positive)" : " (all positive)"));
                }
            }
            if (!oneClass.isEmpty()) {
                out.printf("the %s split has tags of one class only, left out of its macro means%s: %s%n",
                        split.label(), split == Split.TRAIN ? " (and scored by their frequency)" : "",
                        String.join(", ", oneClass));
            }
        });
    }

    /**
     * One line per split naming the classes it has no track of, which its macro means leave out (as a run's class
     * metrics do) and which the probe is then fitted without.
     */
    private void sayAbsentClasses(Map<Split, SplitEmbeddings> splits, TagVocabulary vocabulary) {
        splits.forEach((split, embedded) -> {
            List<String> absent = new ArrayList<>();
            for (int c = 0; c < vocabulary.size(); c++) {
                boolean seen = false;
                for (boolean[] row : embedded.labels()) {
                    seen |= row[c];
                }
                if (!seen) {
                    absent.add(vocabulary.tags().get(c));
                }
            }
            if (!absent.isEmpty()) {
                out.printf("the %s split has no track of %s: left out of its macro means%s%n", split.label(),
                        String.join(", ", absent), split == Split.TRAIN ? " (the probe is fitted without them)" : "");
            }
        });
    }

    private ProbeFitting fit(TagVocabulary vocabulary, Map<Split, SplitEmbeddings> splits) {
        return ProbeFitting.fit(config.probe(), config.seed(), config.task(), vocabulary, splits.get(Split.TRAIN),
                splits.get(Split.VALID), splits.get(Split.TEST));
    }

    /**
     * A multiclass fit's test confusion matrix and accuracy line, as a run prints them (the line naming absent
     * classes was said with the other splits').
     */
    private void printClasses(String what, ProbeFitting fitting) {
        if (fitting.testClasses() == null) {
            return;
        }
        out.println(what + ", test confusion matrix:");
        out.print(ConfusionMatrix.table(fitting.testClasses()).markdown());
        List<String> lines = MetricsTable.classes(Split.TEST.label(), fitting.testClasses());
        out.println(what + ": " + lines.get(lines.size() - 1));
    }

    private void printGrid(String what, ProbeFitting fitting) {
        boolean classes = !fitting.validAccuracy().isEmpty();
        StringBuilder line = new StringBuilder(what + ": validation " + (classes ? "accuracy (ROC-AUC)" : "ROC-AUC")
                + " by l2");
        for (int i = 0; i < config.probe().l2().size(); i++) {
            line.append(String.format(Locale.ROOT, "  %s: %.4f", config.probe().l2().get(i),
                    classes ? fitting.validAccuracy().get(i) : fitting.validRocAuc().get(i)));
            if (classes) {
                line.append(String.format(Locale.ROOT, " (%.4f)", fitting.validRocAuc().get(i)));
            }
        }
        out.println(line.append("; chose l2 ").append(fitting.l2()));
    }

    private static String describe(List<ProbedBundle> bundles, List<List<Integer>> layers) {
        List<String> parts = new ArrayList<>();
        for (int b = 0; b < bundles.size(); b++) {
            parts.add(bundles.get(b).label() + " layers " + layers.get(b));
        }
        return String.join(", ", parts);
    }

    private static List<Artifact> scoreFiles(Path folder, TagVocabulary vocabulary, ProbeFitting fitting)
            throws IOException {
        Map<Split, TrackScores> scores = new EnumMap<>(Split.class);
        scores.put(Split.VALID, fitting.valid());
        scores.put(Split.TEST, fitting.test());
        return ScoreFiles.write(folder, vocabulary, scores);
    }

    private static Map<String, Integer> trackCounts(Map<Split, SplitEmbeddings> splits) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        splits.forEach((split, embedded) -> counts.put(split.label(), embedded.ids().size()));
        return counts;
    }

    private ProbeRecord record(Path folder, String key, String hash, String arch, long params, String engine,
                               DatasetIndex dataset,
                               DatasetFingerprint fingerprint, Map<String, Integer> counts, ProbeFitting fitting,
                               List<Artifact> files, Instant started, Instant finished) {
        return new ProbeRecord(UUID.randomUUID().toString(), config.name(), folder.getFileName().toString(), folder,
                ConfigLoader.canonicalJson(config), key, hash, arch, params,
                engine, config.seed(), config.data().dataset(),
                dataset.root().toAbsolutePath().toString(), fingerprint, counts, fitting.testMetrics(),
                fitting.testRanking(), fitting.testClasses(), files, started, finished);
    }

    private void writeSummary(Path folder, List<ProbedBundle> bundles, List<ProbedBundle> random,
                              List<List<Integer>> layers, ProbeFitting probe, ProbeFitting baseline, long probeId,
                              long baselineId, DatasetFingerprint fingerprint) throws IOException {
        ObjectNode summary = JSON.createObjectNode();
        summary.set("config", JSON.readTree(ConfigLoader.canonicalJson(config)));
        ArrayNode used = summary.putArray("bundles");
        for (int b = 0; b < bundles.size(); b++) {
            ObjectNode entry = used.addObject();
            entry.put("label", bundles.get(b).label());
            entry.put("sha256", bundles.get(b).digest());
            entry.put("random_weights_sha256", random.get(b).digest());
            entry.set("layers", JSON.valueToTree(layers.get(b)));
        }
        summary.put("dataset_fingerprint", fingerprint.dataset());
        summary.set("probe", fitting(probe, probeId));
        summary.set("random_weights_baseline", fitting(baseline, baselineId));
        Path file = folder.resolve(SUMMARY_FILE);
        byte[] bytes = JSON.writeValueAsString(summary).getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFile.write(file, o -> o.write(bytes));
        } catch (IOException e) {
            throw FileFailure.naming(file, e);
        }
    }

    private ObjectNode fitting(ProbeFitting fitting, long id) {
        ObjectNode node = JSON.createObjectNode();
        node.put("store_id", id);
        node.put("l2", fitting.l2());
        ArrayNode grid = node.putArray("validation_roc_auc_by_l2");
        for (int i = 0; i < config.probe().l2().size(); i++) {
            ObjectNode entry = grid.addObject().put("l2", config.probe().l2().get(i))
                    .put("roc_auc", fitting.validRocAuc().get(i));
            if (!fitting.validAccuracy().isEmpty()) {
                entry.put("accuracy", fitting.validAccuracy().get(i));
            }
        }
        node.set("test", JSON.valueToTree(fitting.testMetrics()));
        if (fitting.testRanking() != null) {
            node.set("test_ranking", JSON.valueToTree(fitting.testRanking()));
        }
        if (fitting.testClasses() != null) {
            node.set("test_classes", JSON.valueToTree(fitting.testClasses()));
        }
        return node;
    }
}
