package org.tagbench.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.engine.InitialWeights;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.experiment.Experiment;
import org.tagbench.experiment.TinyRun;
import org.tagbench.export.ModelBundle;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.WeightArray;

/**
 * Fine-tuning from a bundle: layers in {@code model.freeze} end training bit for bit as the bundle had them on both
 * engines while the others change; a differing tag vocabulary makes the output layer new and names its arrays; a
 * freeze list naming no layer is one line listing the layers; configs without {@code init} or {@code freeze} keep
 * their canonical JSON (so their hash and experiment key).
 */
class FineTuningTest {
    /** k2c2's second layer (model summary numbers from 1): its first convolution block, spec layer 1. */
    private static final String FROZEN = "2";
    private static final String FROZEN_PREFIX = "layers.1.";

    @TempDir
    static Path dir;

    private static Path bundleFolder;
    private static ModelBundle bundle;

    @BeforeAll
    static void trainAndExport() throws IOException {
        ExperimentConfig base = ConfigLoader.load(TinyRun.config(dir, "base", 24, 3,
                "training: {batch_size: 4, max_epochs: 1}", "eval: {chunks: 2}", "pipeline: {pcm_cache: false}"),
                List.of());
        String id = new Experiment(base, quiet()).run().id();
        bundleFolder = dir.resolve("models/base");
        ModelBundle.fromRun(base.results().dir().resolve(id)).write(bundleFolder);
        bundle = ModelBundle.read(bundleFolder);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pytorch", "dl4j"})
    void frozenLayersEndAsTheBundleHadThemAndTheOthersChange(String engine) throws IOException {
        ExperimentConfig tuned = ConfigLoader.load(TinyRun.config(dir, "tuned-" + engine, 24, 3,
                "model: {arch: k2c2, params: 5k, init: " + bundleFolder + ", freeze: ['" + FROZEN + "']}",
                "training: {engine: " + engine + ", batch_size: 4, max_epochs: 1, optimizer: {lr: 0.01}}",
                "eval: {chunks: 2}", "pipeline: {pcm_cache: false}"), List.of());
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        String id = new Experiment(tuned, new PrintStream(report, true, StandardCharsets.UTF_8)).run().id();

        ModelWeights after = ModelBundle.fromRun(tuned.results().dir().resolve(id)).weights();
        int frozen = 0;
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, WeightArray> array : bundle.weights().arrays().entrySet()) {
            boolean same = Arrays.equals(array.getValue().values(), after.get(array.getKey()).values());
            if (array.getKey().startsWith(FROZEN_PREFIX)) {
                assertTrue(same, array.getKey() + " moved on " + engine);
                frozen++;
            } else if (!same) {
                changed.add(array.getKey());
            }
        }
        assertEquals(6, frozen, "conv weight and bias, batch norm weight, bias, running mean and variance");
        assertTrue(changed.contains("layers.2.conv.weight") && changed.contains("layers.6.linear.weight"), changed
                .toString());
        String printed = report.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("model.init: " + after.arrays().size() + " of " + after.arrays().size()
                + " weight arrays loaded from "), printed);
        assertTrue(printed.contains("model.freeze: layers [2] kept fixed (6 weight arrays)"), printed);
    }

    @Test
    void anotherVocabularyGetsANewOutputLayerAndNamesItsArrays() {
        FineTuning tuning = new FineTuning(bundle);
        ModelSpec wider = tuning.spec(bundle.spec().melBands(), bundle.spec().frames(), bundle.tags().size() + 1);
        ModelWeights fresh = InitialWeights.draw(wider, TrainingConventions.of(bundle.config().training()
                .conventions()), 1);
        List<String> tags = new ArrayList<>(bundle.tags());
        tags.add("extra");
        List<String> notes = new ArrayList<>();

        ModelWeights start = tuning.startingWeights(fresh, tags, notes::add);

        String output = "layers." + (wider.layers().size() - 1) + ".linear.";
        int in = fresh.get(output + "weight").shape()[1];
        assertEquals(List.of(
                "model.init: the tags differ from the bundle's (13 here, 12 in the bundle): the output layer is new",
                "model.init: " + (fresh.arrays().size() - 2) + " of " + fresh.arrays().size() + " weight arrays"
                        + " loaded from " + bundle.provenance().path("run_id").asText(),
                "model.init: " + output + "weight has shape [12, " + in + "] in the bundle, [13, " + in
                        + "] here: initialised at random",
                "model.init: " + output + "bias has shape [12] in the bundle, [13] here: initialised at random"),
                notes);
        assertEquals(fresh.get(output + "weight"), start.get(output + "weight"));
        assertEquals(bundle.weights().get("layers.2.conv.weight"), start.get("layers.2.conv.weight"));
    }

    @Test
    void aFreezeListNamingNoLayerIsOneLineListingTheLayers() {
        ConfigException e = assertThrows(ConfigException.class, () -> FrozenLayers.of(bundle.spec(),
                List.of("conv9"), bundle.weights()));

        assertEquals("config error: model.freeze: conv9 is not a layer of this k2c2 (expected a number 1 to "
                + bundle.spec().layers().size() + " or one of " + String.join(", ", new java.util.LinkedHashSet<>(
                org.tagbench.model.ModelSummary.rows(bundle.spec()).stream().map(r -> r.layer()).toList())) + ")",
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void configsWithoutInitOrFreezeKeepTheirCanonicalJson() throws IOException {
        ExperimentConfig plain = ConfigLoader.load(TinyRun.config(dir, "plain", 24, 3), List.of());
        ExperimentConfig tuned = ConfigLoader.load(TinyRun.config(dir, "plain", 24, 3,
                "model: {arch: k2c2, params: 5k, init: " + bundleFolder + "}"), List.of());

        String json = ConfigLoader.canonicalJson(plain);
        assertTrue(json.contains("\"model\":{\"arch\":\"k2c2\",\"params\":5000}"), json);
        assertTrue(ConfigLoader.canonicalJson(tuned).contains("\"init\":\"" + bundleFolder + "\""));
        assertFalse(ConfigLoader.experimentKey(plain).equals(ConfigLoader.experimentKey(tuned)));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
