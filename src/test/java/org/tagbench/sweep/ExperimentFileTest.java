package org.tagbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ExperimentConfig;

/**
 * An experiment file's grid expands into its cells in file order, the last key fastest, each cell's config the base
 * with the cell's values as {@code run --set} would apply them; bad files are one {@link ConfigException} naming the
 * file and key, and every invalid cell is named before any trains.
 */
class ExperimentFileTest {
    @TempDir
    Path dir;

    private Path base() throws IOException {
        return Files.writeString(dir.resolve("base.yaml"), String.join("\n",
                "name: base",
                "data: {dataset: synthetic, root: " + dir.resolve("data") + ", clips: 40, clip_seconds: 1,"
                        + " chunk_seconds: 0.5}",
                "features: {sample_rate: 8000, n_fft: 256, hop_length: 128, n_mels: 40}",
                "model: {arch: k2c2, params: 5k}",
                "results: {dir: " + dir.resolve("results") + "}"));
    }

    private Path experiment(String... lines) throws IOException {
        return Files.writeString(dir.resolve("exp.yaml"), String.join("\n", lines));
    }

    @Test
    void cellsAreTheProductInFileOrderWithTheLastKeyFastest() throws Exception {
        base();
        Path file = experiment("name: grid", "base: base.yaml", "grid:", "  model.arch: [k1c2, crnn]",
                "  model.params: [5k, 10000]", "  seed: [1, 2, 3]");

        List<SweepCell> cells = ExperimentFile.read(file).cells(List.of());

        assertEquals(12, cells.size());
        List<String> expected = new ArrayList<>();
        for (String arch : List.of("k1c2", "crnn")) {
            for (String params : List.of("5k", "10000")) {
                for (int seed = 1; seed <= 3; seed++) {
                    expected.add("model.arch=" + arch + ", model.params=" + params + ", seed=" + seed);
                }
            }
        }
        assertEquals(expected, cells.stream().map(SweepCell::overrides).toList());
        for (int i = 0; i < cells.size(); i++) {
            SweepCell cell = cells.get(i);
            assertEquals(i + 1, cell.position());
            ExperimentConfig byHand = ConfigLoader.load(dir.resolve("base.yaml"), List.of(
                    "model.arch=" + cell.values().get("model.arch").asText(),
                    "model.params=" + cell.values().get("model.params").asText(),
                    "seed=" + cell.values().get("seed").asText(), "name=grid"));
            assertEquals(byHand, cell.config());
            assertEquals(ConfigLoader.experimentKey(byHand), cell.experimentKey());
            assertEquals("grid", cell.config().name());
        }
        assertEquals(10_000, cells.get(4).config().model().params());
        assertEquals(2, cells.get(4).config().seed());
        assertEquals("grid-k1c2-10000-2", cells.get(4).runName());
        assertEquals("arch=k1c2, params=10000, seed=2", cells.get(4).shortOverrides());
        assertEquals(12, cells.stream().map(SweepCell::experimentKey).distinct().count());
        // The same file read again gives the same cells: the store finds them by these keys.
        assertEquals(cells.stream().map(SweepCell::experimentKey).toList(), ExperimentFile.read(file)
                .cells(List.of()).stream().map(SweepCell::experimentKey).toList());
    }

    @Test
    void anInlineConfigMayExtendAFileNamedRelativeToTheExperimentFile() throws Exception {
        base();
        Path file = experiment("name: inline", "config:", "  extends: base.yaml", "  training: {max_epochs: 2}",
                "grid:", "  seed: [7, 8]");

        List<SweepCell> cells = ExperimentFile.read(file).cells(List.of("training.batch_size=4"));

        assertEquals(List.of(7L, 8L), cells.stream().map(c -> c.config().seed()).toList());
        ExperimentConfig byHand = ConfigLoader.load(dir.resolve("base.yaml"), List.of("training.max_epochs=2",
                "seed=8", "training.batch_size=4", "name=inline"));
        assertEquals(byHand, cells.get(1).config());
        assertEquals(2, cells.get(1).config().training().maxEpochs());
    }

    @Test
    void aGridKeyThatIsNotAConfigKeyIsNamedWithTheFile() throws Exception {
        base();
        Path file = experiment("name: g", "base: base.yaml", "grid:", "  model.arch: [k1c2]",
                "  model.widht: [1, 2]");
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentFile.read(file).cells(List.of()));
        assertEquals("config error: " + file + ": grid: model.widht: not a config key (model.widht: unknown key"
                + " (known: arch, freeze, init, params))", e.getMessage());

        Path section = experiment("name: g", "base: base.yaml", "grid:", "  modle.arch: [k1c2]");
        e = assertThrows(ConfigException.class, () -> ExperimentFile.read(section).cells(List.of()));
        assertEquals(("config error: " + file + ": grid: modle.arch: not a config key (modle: unknown key"),
                e.getMessage().substring(0, e.getMessage().indexOf(" (known")));
    }

    @Test
    void anEmptyGridOrValueListIsRefusedBeforeAnyCell() throws Exception {
        base();
        Path empty = experiment("name: g", "base: base.yaml", "grid: {}");
        assertEquals("config error: " + empty + ": grid: empty (expected dotted config keys with lists of values,"
                + " e.g. model.arch: [k2c2, crnn])", assertThrows(ConfigException.class,
                () -> ExperimentFile.read(empty)).getMessage());

        Path none = experiment("name: g", "base: base.yaml", "grid:", "  seed: []");
        assertEquals("config error: " + none + ": grid: seed: an empty list (expected at least one value)",
                assertThrows(ConfigException.class, () -> ExperimentFile.read(none)).getMessage());

        Path scalar = experiment("name: g", "base: base.yaml", "grid:", "  seed: 3");
        assertEquals("config error: " + scalar + ": grid: seed: 3 is not a list (expected a list of values, e.g."
                + " [1, 2, 3])", assertThrows(ConfigException.class, () -> ExperimentFile.read(scalar)).getMessage());

        Path missing = experiment("name: g", "base: nowhere.yaml", "grid:", "  seed: [1]");
        assertEquals("config error: " + missing + ": base: \"nowhere.yaml\" not found (" + dir.resolve("nowhere.yaml")
                + ")", assertThrows(ConfigException.class, () -> ExperimentFile.read(missing)).getMessage());
    }

    @Test
    void everyInvalidCellIsNamedInOneLine() throws Exception {
        base();
        Path file = experiment("name: g", "base: base.yaml", "grid:", "  model.arch: [k1c2, foo]",
                "  training.max_epochs: [2, 0]");

        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentFile.read(file).cells(List.of()));

        String message = e.getMessage();
        assertEquals(1, message.lines().count(), message);
        String prefix = "config error: " + file + ": 3 of 4 cells invalid: cell 2 (model.arch=k1c2,"
                + " training.max_epochs=0): training.max_epochs: ";
        assertEquals(prefix, message.substring(0, prefix.length()), message);
        List<String> named = new ArrayList<>();
        for (String part : message.substring(message.indexOf("cell 2")).split("; ")) {
            named.add(part.substring(0, part.indexOf(')') + 1));
        }
        assertEquals(List.of("cell 2 (model.arch=k1c2, training.max_epochs=0)",
                "cell 3 (model.arch=foo, training.max_epochs=2)", "cell 4 (model.arch=foo, training.max_epochs=0)"),
                named);
    }

    /** A budget beyond this machine is refused with the other checks, before the first cell trains. */
    @Test
    void aCellTooLargeForThisMachineIsRefusedUpFront() throws Exception {
        base();
        Path file = experiment("name: g", "base: base.yaml", "grid:", "  model.params: [5k, 1e12]");

        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentFile.read(file).cells(List.of()));

        assertTrue(e.getMessage().matches(Pattern.quote("config error: " + file + ": 1 of 2 cells invalid: cell 2"
                + " (model.params=1.0E12): model.params: a budget of 1,000,000,000,000 parameters needs about ")
                + "[0-9,.]+ GB to train at batch 16 \\(16,000\\.0 GB for the weights, their gradients and Adam's"
                + " moments, [0-9,.]+ GB for a step's activations\\), more than this machine's [0-9,.]+ GB of memory"
                + " \\(expected a smaller budget or batch size\\)"), e.getMessage());
    }

    @Test
    void cellsThatAreOneExperimentAreRefused() throws Exception {
        base();
        Path file = experiment("name: g", "base: base.yaml", "grid:", "  seed: [1]", "  pipeline.workers: [1, 2]");
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentFile.read(file).cells(List.of()));
        String expected = "config error: " + file + ": grid: cells 1 (seed=1, pipeline.workers=1) and 2 (seed=1,"
                + " pipeline.workers=2) are one experiment (key ";
        assertEquals(expected, e.getMessage().substring(0, expected.length()));
    }
}
