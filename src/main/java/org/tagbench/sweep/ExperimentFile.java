package org.tagbench.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.experiment.Experiment;

/**
 * An experiment file: a sweep's {@code name}, its base config ({@code base: FILE}, relative to the experiment file, or
 * an inline {@code config:} mapping, which may itself {@code extends:} a file) and its {@code grid} of dotted config
 * keys and their values. Each cell's config is the base with the cell's values applied as {@code run --set} applies
 * overrides, and with the sweep's name, so that its runs are listed under it.
 *
 * @param file the experiment file
 * @param text the file's text, as the store keeps it
 * @param name the sweep's name
 * @param base the base config file, or null with an inline config
 * @param inline the inline config, or null with a base file
 * @param grid the grid
 */
public record ExperimentFile(Path file, String text, String name, Path base, ObjectNode inline, Grid grid) {
    public ExperimentFile {
        inline = inline == null ? null : inline.deepCopy();
    }

    private static final Set<String> KEYS = Set.of("name", "base", "config", "grid");
    private static final String NAME_CHARACTERS = "[A-Za-z0-9._-]+";
    private static final String UNKNOWN_KEY = "unknown key";

    /** Reads and checks {@code file}; its cells are checked by {@link #cells()}. */
    public static ExperimentFile read(Path file) {
        ObjectNode tree = ConfigLoader.parse(file);
        for (String key : (Iterable<String>) tree::fieldNames) {
            if (!KEYS.contains(key)) {
                throw new ConfigException(file + ": " + key, "unknown key (known: " + String.join(", ",
                        new TreeSet<>(KEYS)) + ")");
            }
        }
        JsonNode name = tree.path("name");
        if (!name.isTextual() || !name.asText().matches(NAME_CHARACTERS)) {
            throw new ConfigException(file + ": name", (name.isMissingNode() ? "missing" : name + " is not a name")
                    + " (expected the sweep's name, letters, digits, '.', '_' and '-', e.g. choi2017)");
        }
        if (tree.has("base") == tree.has("config")) {
            throw new ConfigException(file.toString(), "expected one base config: base: FILE (relative to this file)"
                    + " or an inline config: mapping" + (tree.has("base") ? ", not both" : ""));
        }
        Path base = null;
        ObjectNode inline = null;
        if (tree.has("base")) {
            JsonNode value = tree.get("base");
            if (!value.isTextual()) {
                throw new ConfigException(file + ": base", value + " is not a file name");
            }
            base = file.resolveSibling(value.asText());
            if (!Files.isRegularFile(base)) {
                throw new ConfigException(file + ": base", value + " not found (" + base.normalize() + ")");
            }
        } else if (tree.get("config") instanceof ObjectNode mapping) {
            inline = mapping;
        } else {
            throw new ConfigException(file + ": config", tree.get("config") + " is not a mapping of config keys");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read (" + e.getMessage() + ")");
        }
        return new ExperimentFile(file, text, name.asText(), base, inline, grid(file, tree.get("grid")));
    }

    private static Grid grid(Path file, JsonNode grid) {
        String where = file + ": grid";
        if (grid == null || grid.isNull()) {
            throw new ConfigException(where, "missing (expected a mapping of dotted config keys to lists of values,"
                    + " e.g. model.arch: [k2c2, crnn])");
        }
        if (!(grid instanceof ObjectNode keys) || keys.isEmpty()) {
            throw new ConfigException(where, (grid.isObject() ? "empty" : grid + " is not a mapping")
                    + " (expected dotted config keys with lists of values, e.g. model.arch: [k2c2, crnn])");
        }
        Map<String, List<JsonNode>> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : keys.properties()) {
            JsonNode list = entry.getValue();
            if (!list.isArray()) {
                throw new ConfigException(where + ": " + entry.getKey(), list + " is not a list (expected a list of"
                        + " values, e.g. [1, 2, 3])");
            }
            if (list.isEmpty()) {
                throw new ConfigException(where + ": " + entry.getKey(), "an empty list (expected at least one"
                        + " value)");
            }
            List<JsonNode> all = new ArrayList<>();
            list.forEach(all::add);
            values.put(entry.getKey(), all);
        }
        return new Grid(values);
    }

    /**
     * Every cell, its config resolved and validated, and refused if its training step cannot fit in this machine's
     * memory. All cells are checked before any is returned: a grid key that is not a config key, invalid cells (every
     * one named) and cells that are one experiment are one
     * {@link ConfigException} naming this file. {@code settings} ({@code dotted.key=value}, as {@code run --set}
     * takes them) apply to every cell after its grid values.
     */
    public List<SweepCell> cells(List<String> settings) {
        List<Map<String, JsonNode>> all = grid.cells();
        List<SweepCell> cells = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        List<ConfigException> failures = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Map<String, JsonNode> values = all.get(i);
            try {
                ExperimentConfig config = config(values, settings);
                Experiment.requireTrainableHere(config);
                cells.add(new SweepCell(i + 1, values, config, ConfigLoader.experimentKey(config),
                        runName(values)));
            } catch (ConfigException e) {
                unknownGridKey(e);
                failures.add(e);
                invalid.add("cell " + (i + 1) + " (" + SweepCell.overrides(values)
                        + "): " + (e.where().isEmpty() ? "" : e.where() + ": ") + e.problem());
            }
        }
        if (!failures.isEmpty()) {
            if (failures.size() == all.size() && failures.stream().map(Throwable::getMessage).distinct().count() == 1) {
                // The base itself is wrong: its own error says where, once.
                throw failures.get(0);
            }
            throw new ConfigException(file.toString(), invalid.size() + " of " + all.size() + " cells invalid: "
                    + String.join("; ", invalid));
        }
        Map<String, SweepCell> byKey = new HashMap<>();
        for (SweepCell cell : cells) {
            SweepCell same = byKey.putIfAbsent(cell.experimentKey(), cell);
            if (same != null) {
                throw new ConfigException(file + ": grid", "cells " + same.position() + " (" + same.overrides()
                        + ") and " + cell.position() + " (" + cell.overrides() + ") are one experiment (key "
                        + cell.experimentKey() + "): name, results.*, pipeline.* and data paths are not part of what"
                        + " is trained (expected grid keys that change the experiment)");
            }
        }
        return cells;
    }

    /** The config of the cell with {@code values}. */
    private ExperimentConfig config(Map<String, JsonNode> values, List<String> settings) {
        List<String> overrides = new ArrayList<>();
        values.forEach((key, value) -> overrides.add(key + "=" + value));
        overrides.addAll(settings);
        overrides.add("name=" + TextNode.valueOf(name));
        return base != null ? ConfigLoader.load(base, overrides) : ConfigLoader.load(file, inline, overrides);
    }

    /** Refuses {@code e} as a grid key that is no config key, when it is that. */
    private void unknownGridKey(ConfigException e) {
        if (!e.problem().startsWith(UNKNOWN_KEY) || e.where().isEmpty()) {
            return;
        }
        for (String key : grid.values().keySet()) {
            if (key.equals(e.where()) || key.startsWith(e.where() + ".")) {
                throw new ConfigException(file + ": grid: " + key, "not a config key (" + e.where() + ": "
                        + e.problem() + ")");
            }
        }
    }

    /** The sweep's name and the cell's values, as a run folder's name part: {@code choi2017-k2c2-100k-1}. */
    private String runName(Map<String, JsonNode> values) {
        return name + "-" + values.values().stream().map(v -> SweepCell.text(v).replaceAll("[^A-Za-z0-9._-]", "_"))
                .collect(Collectors.joining("-"));
    }
}
