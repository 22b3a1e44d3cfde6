package org.tagbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CanonicalHashTest extends ConfigFolderTest {
    private static String hashOf(Path file, String... overrides) {
        return ConfigLoader.hash(ConfigLoader.load(file, List.of(overrides)));
    }

    /** The cases of scripts/config_hash_golden.py, which writes the canonical form in Python from its definition. */
    static Stream<Arguments> golden() throws IOException {
        try (InputStream in = CanonicalHashTest.class.getResourceAsStream("/config/hash-golden.json")) {
            List<Arguments> cases = new ArrayList<>();
            for (JsonNode row : new ObjectMapper().readTree(in)) {
                List<String> overrides = new ArrayList<>();
                row.get("overrides").forEach(o -> overrides.add(o.asText()));
                cases.add(Arguments.of(row.get("file").asText(), overrides, row.get("canonical").asText(),
                        row.get("hash").asText(), row.get("experiment_key").asText()));
            }
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("golden")
    void canonicalJsonHashAndKeyAreThoseComputedInPython(String file, List<String> overrides, String canonical,
                                                         String hash, String experimentKey) {
        ExperimentConfig config = ConfigLoader.load(ConfigDir.resource(file), overrides);

        assertEquals(canonical, ConfigLoader.canonicalJson(config));
        assertEquals(hash, ConfigLoader.hash(config));
        assertEquals(experimentKey, ConfigLoader.experimentKey(config));
    }

    @Test
    void theExperimentKeyIgnoresNamesStoresPipelinesAndEveryDataPath() {
        dir.write("msd.yaml", """
                data: {dataset: msd-choi, root: /a/audio, split_dir: /a/splits, tag_vectors: /a/tags.cP}
                model: {arch: crnn}
                """);
        ExperimentConfig here = dir.load("msd.yaml");
        ExperimentConfig there = dir.load("msd.yaml", "name=there",
                "data.root=/b/audio", "data.split_dir=/b/splits", "data.tag_vectors=/b/tags.cP", "results.dir=/b/runs",
                "results.url=jdbc:postgresql://db/tagbench", "pipeline.workers=1");

        assertEquals(ConfigLoader.experimentKey(here), ConfigLoader.experimentKey(there));
        assertNotEquals(ConfigLoader.hash(here), ConfigLoader.hash(there));
        for (String change : List.of("seed=43", "data.layout=msd_id", "model.params=101k", "eval.chunks=15",
                "training.engine=dl4j")) {
            assertNotEquals(ConfigLoader.experimentKey(here), ConfigLoader.experimentKey(
                    dir.load("msd.yaml", change)), change);
        }
    }

    /**
     * eval.valid_chunks is left out of the canonical config while it equals eval.chunks (the validation it replaces),
     * so configs from before it existed keep their hash; fewer chunks change the hash and the experiment key.
     */
    @Test
    void validChunksEqualToChunksLeaveTheHashAsItWas() {
        dir.write("eval.yaml", """
                data: {dataset: synthetic}
                model: {arch: k2c2}
                eval: {chunks: 4}
                """);
        ExperimentConfig absent = dir.load("eval.yaml");
        ExperimentConfig same = dir.load("eval.yaml", "eval.valid_chunks=4");
        ExperimentConfig fewer = dir.load("eval.yaml", "eval.valid_chunks=2");
        assertEquals(ConfigLoader.hash(absent), ConfigLoader.hash(same));
        assertFalse(ConfigLoader.canonicalJson(absent).contains("valid_chunks"));
        assertEquals(4, absent.eval().epochValidationChunks());
        assertTrue(ConfigLoader.canonicalJson(fewer).contains("\"eval\":{\"chunks\":4,\"valid_chunks\":2}"));
        assertEquals(2, fewer.eval().epochValidationChunks());
        assertNotEquals(ConfigLoader.experimentKey(absent), ConfigLoader.experimentKey(fewer));
    }

    /**
     * features.trainable and features.trainable_dft are left out of the canonical config when false, so configs from
     * before they existed keep their hash and experiment key; true changes the key; top_db goes with either.
     */
    @Test
    void anUntrainedFilterbankLeavesTheExperimentKeyAsItWas() {
        dir.write("net.yaml", """
                data: {dataset: synthetic}
                features: {frontend: network}
                model: {arch: k2c2}
                """);
        ExperimentConfig absent = dir.load("net.yaml");
        assertEquals(ConfigLoader.experimentKey(absent), ConfigLoader.experimentKey(dir.load("net.yaml",
                "features.trainable=false")));
        assertEquals(ConfigLoader.hash(absent), ConfigLoader.hash(dir.load("net.yaml", "features.trainable=false")));
        assertFalse(ConfigLoader.canonicalJson(absent).contains("trainable"));
        ExperimentConfig trainable = dir.load("net.yaml", "features.trainable=true");
        assertTrue(ConfigLoader.canonicalJson(trainable).contains("\"trainable\":true"));
        assertNotEquals(ConfigLoader.experimentKey(absent), ConfigLoader.experimentKey(trainable));
        assertEquals(ConfigLoader.hash(absent), ConfigLoader.hash(dir.load("net.yaml",
                "features.trainable_dft=false")));
        ExperimentConfig dft = dir.load("net.yaml", "features.trainable=true", "features.trainable_dft=true");
        assertTrue(ConfigLoader.canonicalJson(dft).contains("\"trainable_dft\":true"));
        assertFalse(ConfigLoader.canonicalJson(trainable).contains("trainable_dft"));
        assertNotEquals(ConfigLoader.experimentKey(trainable), ConfigLoader.experimentKey(dft));
        assertEquals(80.0, dir.load("net.yaml", "features.trainable=true", "features.trainable_dft=true",
                "features.top_db=80").features().topDb());
    }

    @Test
    void yamlAndJsonOfTheSameConfigHashAlike() {
        assertEquals(hashOf(ConfigDir.resource("full.yaml")), hashOf(ConfigDir.resource("full.json")));
    }

    @Test
    void spelledOutDefaultsHashLikeOmittedOnes() {
        assertEquals(hashOf(ConfigDir.resource("full.yaml")),
                hashOf(ConfigDir.resource("minimal.yaml"), "name=full"));
    }

    @Test
    void keyOrderAndSpellingDoNotMatter() {
        Path one = dir.write("one/exp.yaml", """
                model: {arch: k2c2, params: 250k}
                data: {dataset: synthetic, clips: 100}
                training: {optimizer: {lr: 0.01}, batch_size: 8}
                """);
        Path two = dir.write("two/exp.yaml", """
                training:
                  batch_size: 8
                  optimizer: {lr: 1.0e-2, name: adam}
                data: {clips: 100, dataset: synthetic}
                model: {params: 250000, arch: conv2d}
                """);

        assertEquals(hashOf(one), hashOf(two));
    }

    @Test
    void anyChangedValueChangesTheHash() {
        Path minimal = ConfigDir.resource("minimal.yaml");
        String base = hashOf(minimal);

        for (String change : List.of("seed=43", "data.clips=301", "features.top_db=80", "features.frontend=network",
                "model.params=101k", "training.optimizer.lr=0.002", "training.conventions=keras", "eval.chunks=15", "results.dir=elsewhere",
                "name=other")) {
            assertNotEquals(base, hashOf(minimal, change), change);
        }
    }

    @Test
    void pipelineSettingsLeaveTheHashAlone() {
        Path minimal = ConfigDir.resource("minimal.yaml");

        assertEquals(hashOf(minimal), hashOf(minimal, "pipeline.workers=1", "pipeline.prefetch=2",
                "pipeline.pcm_cache=false", "pipeline.cache_dir=/elsewhere"));
    }

    @Test
    void canonicalJsonLoadsBackToTheSameConfig() {
        dir.write("run.yaml", """
                data: {dataset: synthetic, chunk_seconds: 2}
                model: {arch: k2c2}
                features: {top_db: 60}
                """);
        ExperimentConfig config = dir.load("run.yaml");
        Path json = dir.write("run.json", ConfigLoader.canonicalJson(config));

        ExperimentConfig again = ConfigLoader.load(json, List.of());

        assertEquals(config, again);
        assertEquals(ConfigLoader.canonicalJson(config), ConfigLoader.canonicalJson(again));
    }
}
