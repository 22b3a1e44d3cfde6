package org.tagbench.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.tagbench.model.Architecture;

/**
 * Loads experiment configs. The steps, in order: read the file (YAML or JSON) and the files it {@code extends},
 * apply the {@code --set} overrides, fill in the defaults ({@link Defaults}), bind strictly to the records (an
 * unknown key or a wrong type is an error) and let the records check their values.
 */
public final class ConfigLoader {
    private static final int HASH_HEX_DIGITS = 12;
    private static final String TRAINING = "training";
    private static final String CONVENTIONS = "conventions";
    private static final String PIPELINE = "pipeline";

    private ConfigLoader() {
    }

    /** The resolved config of {@code file} with {@code overrides} ({@code dotted.key=value}) applied. */
    public static ExperimentConfig load(Path file, List<String> overrides) {
        ObjectNode tree = ConfigFile.read(file);
        Overrides.apply(tree, overrides);
        return bind(Defaults.fill(tree, baseName(file)), ExperimentConfig.class);
    }

    /**
     * The resolved config of {@code tree}, a config written inside the file {@code origin} (its {@code extends}
     * named relative to that file), with {@code overrides} applied.
     */
    public static ExperimentConfig load(Path origin, ObjectNode tree, List<String> overrides) {
        ObjectNode resolved = ConfigFile.resolve(origin, tree);
        Overrides.apply(resolved, overrides);
        return bind(Defaults.fill(resolved, baseName(origin)), ExperimentConfig.class);
    }

    /**
     * The resolved probe config of {@code file} ({@code tagbench probe}) with {@code overrides} applied: read and
     * checked as a run config is (unknown keys are errors), its {@code data} section any reader's.
     */
    public static ProbeConfig loadProbe(Path file, List<String> overrides) {
        ObjectNode tree = ConfigFile.read(file);
        Overrides.apply(tree, overrides);
        return bind(Defaults.fillProbe(tree, baseName(file)), ProbeConfig.class);
    }

    /** {@code config} as canonical JSON, as {@link #canonicalJson(ExperimentConfig)} writes a run's. */
    public static String canonicalJson(ProbeConfig config) {
        return ConfigMapper.MAPPER.valueToTree(config).toString();
    }

    /** The probe's {@link #hash}: its canonical JSON without {@code pipeline}. */
    public static String hash(ProbeConfig config) {
        ObjectNode tree = ConfigMapper.MAPPER.valueToTree(config);
        tree.remove(PIPELINE);
        return digest(tree);
    }

    /**
     * The probe's experiment key: its {@link #hash} without {@code name}, {@code results}, the bundles' and the
     * data's paths (which bundles it read is their digests' to tell, which data the fingerprint's).
     */
    public static String experimentKey(ProbeConfig config, List<String> bundleDigests) {
        ObjectNode tree = ConfigMapper.MAPPER.valueToTree(config);
        tree.remove(List.of("name", "results", PIPELINE));
        ((ObjectNode) tree.get("data")).remove(pathKeys(config.data().getClass()));
        for (int i = 0; i < bundleDigests.size(); i++) {
            ((ObjectNode) tree.get("bundles").get(i)).put("path", bundleDigests.get(i));
        }
        return digest(tree);
    }

    /**
     * The mapping the YAML or JSON {@code file} holds, as written ({@code extends} not followed), for files that
     * hold more than a config (an experiment file); a missing file or bad syntax is a {@link ConfigException}.
     */
    public static ObjectNode parse(Path file) {
        return ConfigFile.parse(file);
    }

    /**
     * The config a run folder saved ({@code config.json}). A config saved before {@code training.conventions}
     * existed gets {@link ConventionsName#BEFORE_CONVENTIONS}, what its run was trained with, not today's default.
     */
    public static ExperimentConfig loadSaved(Path file) {
        ObjectNode tree = ConfigFile.read(file);
        if (!tree.has(TRAINING)) {
            tree.putObject(TRAINING);
        }
        // A training value that is not a mapping is left for binding to report.
        if (tree.get(TRAINING) instanceof ObjectNode training && !training.has(CONVENTIONS)) {
            training.put(CONVENTIONS, ConventionsName.BEFORE_CONVENTIONS.configName());
        }
        return bind(Defaults.fill(tree, baseName(file)), ExperimentConfig.class);
    }

    /**
     * The {@code features} section of {@code file} (or only the defaults when {@code file} is null) with
     * {@code overrides} applied, for commands that need the front end alone.
     */
    public static FeatureConfig features(Path file, List<String> overrides) {
        ObjectNode tree = file != null ? ConfigFile.read(file) : ConfigMapper.MAPPER.createObjectNode();
        Overrides.apply(tree, overrides);
        ObjectNode section = ConfigMapper.MAPPER.createObjectNode();
        section.set("features", Defaults.fill(tree, "features").get("features"));
        return bind(section, FeatureSection.class).features();
    }

    /**
     * The input {@code arch} runs on when a config names it and sets no features or chunk length: its own defaults'
     * features and chunk length; empty for an architecture with none of its own (Choi et al. 2017's four).
     */
    public static Optional<ArchitectureInput> ownInput(Architecture arch) {
        if (!Defaults.hasOwn(arch)) {
            return Optional.empty();
        }
        ObjectNode tree = ConfigMapper.MAPPER.createObjectNode();
        tree.putObject("model").put("arch", arch.configName());
        ObjectNode filled = Defaults.fill(tree, "model");
        ObjectNode section = ConfigMapper.MAPPER.createObjectNode();
        section.set("features", filled.get("features"));
        return Optional.of(new ArchitectureInput(bind(section, FeatureSection.class).features(),
                filled.get("data").get("chunk_seconds").asDouble()));
    }

    /** {@code features} as the canonical config writes its section (snake_case keys, sorted; enums lower-case). */
    public static String featuresJson(FeatureConfig features) {
        return ConfigMapper.MAPPER.valueToTree(features).toString();
    }

    /** The one section {@link #features} binds, so that error paths keep their {@code features.} prefix. */
    private record FeatureSection(FeatureConfig features) {
    }

    private static <T> T bind(ObjectNode resolved, Class<T> type) {
        try {
            return ConfigMapper.MAPPER.treeToValue(resolved, type);
        } catch (JsonMappingException e) {
            throw BindingErrors.translate(e, resolved);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("binding a parsed tree cannot meet a syntax error", e);
        }
    }

    /**
     * {@code config} in its canonical form, so that equal configs give equal text (scripts/config_hash_golden.py
     * rebuilds it in Python from this definition): one JSON object of the resolved config, every key of every
     * section present (defaults filled in, an unset optional value as {@code null}) but {@code task} and
     * {@code training.loss}, which are left out while they hold their defaults (multilabel, bce) so that configs
     * written before they existed keep their hashes and experiment keys; keys in snake_case sorted by
     * code point at every level, no whitespace, strings escaped as JSON requires and otherwise raw UTF-8; integers
     * for the keys that take whole numbers ({@code model.params} as the exact budget), every other number as Java's
     * {@link Double#toString(double)} ({@code 6000.0}, {@code 0.001}, {@code 1.0E-10}); enum values lower-case, the
     * architecture by its config name ({@code conv2d} is {@code k2c2}), paths as {@link Path#toString()} (a
     * trailing slash dropped).
     */
    public static String canonicalJson(ExperimentConfig config) {
        return ConfigMapper.MAPPER.valueToTree(config).toString();
    }

    /** {@link #canonicalJson} read back as a plain JSON tree, as a run record holds it. */
    public static JsonNode canonicalTree(ExperimentConfig config) {
        try {
            return new ObjectMapper().readTree(canonicalJson(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("canonical config JSON is JSON", e);
        }
    }

    /**
     * The first 12 lower-case hex digits of the SHA-256 of the UTF-8 {@link #canonicalJson} without its
     * {@code pipeline} member (threads and caching do not change results): a short name for the experiment.
     */
    public static String hash(ExperimentConfig config) {
        ObjectNode tree = ConfigMapper.MAPPER.valueToTree(config);
        tree.remove(PIPELINE);
        return digest(tree);
    }

    /**
     * The experiment key: {@link #hash} of the canonical JSON without {@code name}, {@code results}, {@code pipeline}
     * and the dataset's paths (every {@code data} key that names a file or folder), so that the same experiment run
     * under another name, into another store or on another machine has the same key. Which data it read is the
     * dataset fingerprint's to tell.
     */
    public static String experimentKey(ExperimentConfig config) {
        ObjectNode tree = ConfigMapper.MAPPER.valueToTree(config);
        tree.remove(List.of("name", "results", PIPELINE));
        ((ObjectNode) tree.get("data")).remove(pathKeys(config.data().getClass()));
        return digest(tree);
    }

    /** The snake_case keys of {@code type}'s components that hold a path or a record of paths. */
    private static List<String> pathKeys(Class<?> type) {
        PropertyNamingStrategies.NamingBase snake = (PropertyNamingStrategies.NamingBase)
                PropertyNamingStrategies.SNAKE_CASE;
        return Arrays.stream(type.getRecordComponents())
                .filter(c -> c.getType() == Path.class || c.getType().isRecord() && Arrays.stream(
                        c.getType().getRecordComponents()).allMatch(inner -> inner.getType() == Path.class))
                .map(c -> snake.translate(c.getName()))
                .toList();
    }

    private static String digest(ObjectNode tree) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(tree.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
