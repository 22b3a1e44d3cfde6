package org.tagbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code task} and {@code training.loss}: their defaults, that the canonical config (and so the experiment key) of a
 * config naming neither is what it was before they existed, and one-line errors for wrong values and combinations.
 */
class TaskConfigTest {

    @Test
    void aConfigNamingNoTaskIsMultilabelWithBceAndKeepsItsCanonicalForm(@TempDir Path dir) {
        ConfigDir configs = new ConfigDir(dir);
        configs.write("minimal.yaml", ConfigDir.MINIMAL);
        ExperimentConfig config = configs.load("minimal.yaml");
        assertEquals(TaskName.MULTILABEL, config.task());
        assertEquals(LossName.BCE, config.training().loss());
        String canonical = ConfigLoader.canonicalJson(config);
        assertFalse(canonical.contains("\"task\""), canonical);
        assertFalse(canonical.contains("\"loss\""), canonical);
        // Naming the defaults changes nothing either.
        assertEquals(ConfigLoader.experimentKey(config), ConfigLoader.experimentKey(
                configs.load("minimal.yaml", "task=multilabel", "training.loss=bce")));
    }

    @Test
    void multiclassDefaultsToCrossEntropyAndIsWrittenOut(@TempDir Path dir) {
        ConfigDir configs = new ConfigDir(dir);
        configs.write("minimal.yaml", ConfigDir.MINIMAL);
        ExperimentConfig config = configs.load("minimal.yaml", "task=MultiClass");
        assertEquals(TaskName.MULTICLASS, config.task());
        assertEquals(LossName.CROSS_ENTROPY, config.training().loss());
        String canonical = ConfigLoader.canonicalJson(config);
        assertTrue(canonical.contains("\"task\":\"multiclass\""), canonical);
        assertTrue(canonical.contains("\"loss\":\"cross-entropy\""), canonical);
        assertEquals(config, configs.load("minimal.yaml", "task=multiclass", "training.loss=cross-entropy"));
        ExperimentConfig mse = configs.load("minimal.yaml", "training.loss=mse");
        assertTrue(ConfigLoader.canonicalJson(mse).contains("\"loss\":\"mse\""));
    }

    @Test
    void wrongValuesAndCombinationsAreOneLine(@TempDir Path dir) {
        ConfigDir configs = new ConfigDir(dir);
        configs.write("minimal.yaml", ConfigDir.MINIMAL);
        assertEquals("config error: training.loss: cross-entropy trains a multiclass task, but task is multilabel"
                + " (expected bce or mse)", configs.error("minimal.yaml", "training.loss=cross-entropy"));
        assertEquals("config error: training.loss: bce trains a multilabel task, but task is multiclass"
                + " (expected cross-entropy)", configs.error("minimal.yaml", "task=multiclass", "training.loss=bce"));
        assertEquals("config error: task: \"single\" is not a task (expected multilabel or multiclass)",
                configs.error("minimal.yaml", "task=single"));
        assertEquals("config error: training.loss: \"hinge\" is not a loss (expected bce, cross-entropy, mse)",
                configs.error("minimal.yaml", "training.loss=hinge"));
    }
}
