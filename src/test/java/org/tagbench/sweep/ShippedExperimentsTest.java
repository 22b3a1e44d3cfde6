package org.tagbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.config.SyntheticDataConfig;

/** The shipped experiment files load and every one of their cells is valid, with the settings they promise. */
class ShippedExperimentsTest {
    @Test
    void choi2017IsThePapersGridAtThePapersSettings() {
        List<SweepCell> cells = ExperimentFile.read(Path.of("experiments", "choi2017.yaml")).cells(List.of());

        assertEquals(60, cells.size());
        assertEquals(60, cells.stream().map(SweepCell::experimentKey).distinct().count());
        assertEquals(Set.of("k1c2", "k2c1", "k2c2", "crnn"), values(cells, c -> c.model().arch().configName()));
        assertEquals(Set.of(100_000L, 250_000L, 500_000L, 1_000_000L, 3_000_000L),
                values(cells, c -> c.model().params()));
        assertEquals(Set.of(1L, 2L, 3L), values(cells, ExperimentConfig::seed));
        for (SweepCell cell : cells) {
            ExperimentConfig config = cell.config();
            assertEquals("choi2017", config.name());
            assertEquals("msd-choi", config.data().dataset());
            assertEquals(29.12, config.data().chunkSeconds());
            assertEquals(12_000, config.features().sampleRate());
            assertEquals(96, config.features().nMels());
            assertEquals(512, config.features().nFft());
            assertEquals(256, config.features().hopLength());
            assertEquals("adam", config.training().optimizer().name());
            assertEquals("roc_auc", config.training().earlyStopping().monitor());
            assertEquals(10, config.training().earlyStopping().patience());
        }
        assertEquals("choi2017-k1c2-100k-1", cells.get(0).runName());
        assertEquals("model.arch=crnn, model.params=3M, seed=3", cells.get(59).overrides());
    }

    @Test
    void quickCompareIsThreeArchitecturesAtTwoBudgetsOnTheGeneratedSet() {
        List<SweepCell> cells = ExperimentFile.read(Path.of("experiments", "quick-compare.yaml")).cells(List.of());

        assertEquals(12, cells.size());
        assertEquals(12, cells.stream().map(SweepCell::experimentKey).distinct().count());
        assertEquals(Set.of("k1c2", "k2c2", "crnn"), values(cells, c -> c.model().arch().configName()));
        assertEquals(Set.of(50_000L, 100_000L), values(cells, c -> c.model().params()));
        assertEquals(Set.of(1L, 2L), values(cells, ExperimentConfig::seed));
        for (SweepCell cell : cells) {
            assertEquals("quick-compare", cell.config().name());
            assertEquals("synthetic", cell.config().data().dataset());
            assertEquals(12, cell.config().training().maxEpochs());
            assertEquals(300, ((SyntheticDataConfig) cell.config().data()).clips());
        }
    }

    private static <T extends Comparable<T>> Set<T> values(List<SweepCell> cells,
                                                           Function<ExperimentConfig, T> value) {
        return cells.stream().map(c -> value.apply(c.config())).collect(Collectors.toCollection(TreeSet::new));
    }
}
