package org.tagbench.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A config file as a tree, with the chain of files it {@code extends} merged beneath it. A file extends at most
 * one other, named relative to itself; the extending file's keys win.
 */
final class ConfigFile {
    private static final String EXTENDS = "extends";
    private static final List<String> SUFFIXES = List.of(".yaml", ".yml", ".json");
    private static final JsonFactory JSON = new JsonFactory();
    private static final int EXCERPT_CHARS = 80;

    private ConfigFile() {
    }

    /** The merged tree of {@code file} and the files it extends, without the {@code extends} keys. */
    static ObjectNode read(Path file) {
        return read(file, List.of());
    }

    /**
     * The merged tree of {@code tree}, a config written inside {@code origin} (an experiment file's inline config),
     * and the files it {@code extends}, named relative to {@code origin}.
     */
    static ObjectNode resolve(Path origin, ObjectNode tree) {
        return merged(origin, tree.deepCopy(), List.of());
    }

    private static ObjectNode read(Path file, List<Path> extendedBy) {
        return merged(file, parse(file), extendedBy);
    }

    private static ObjectNode merged(Path file, ObjectNode tree, List<Path> extendedBy) {
        List<Path> chain = new ArrayList<>(extendedBy);
        chain.add(file);
        JsonNode parent = tree.remove(EXTENDS);
        if (parent == null || parent.isNull()) {
            return tree;
        }
        String where = file + ": " + EXTENDS;
        if (!parent.isTextual()) {
            throw new ConfigException(where, parent + " is not a file name");
        }
        Path base = file.resolveSibling(parent.asText());
        if (chain.stream().anyMatch(seen -> sameFile(seen, base))) {
            throw new ConfigException(where, parent + " makes a cycle (" + chain.stream().map(Path::toString)
                    .collect(Collectors.joining(" -> ")) + " -> " + base.normalize() + ")");
        }
        if (!Files.isRegularFile(base)) {
            throw new ConfigException(where, parent + " not found (" + base.normalize() + ")");
        }
        return DeepMerge.merge(read(base, chain), tree);
    }

    /** The mapping {@code file} holds (YAML or JSON), as written: its {@code extends} is not followed. */
    static ObjectNode parse(Path file) {
        if (Files.isDirectory(file)) {
            throw new ConfigException(file.toString(), "is a folder, not a config file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file.toString(), "file not found");
        }
        String name = file.getFileName().toString();
        if (SUFFIXES.stream().noneMatch(name::endsWith)) {
            throw new ConfigException(file.toString(), "not a config file (expected " + String.join(", ", SUFFIXES)
                    + ")");
        }
        JsonNode tree;
        try {
            // JSON gets a JSON parser: the YAML parser would reject JSON indented with tabs.
            tree = name.endsWith(".json")
                    ? ConfigMapper.MAPPER.readTree(JSON.createParser(file.toFile()))
                    : ConfigMapper.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + line(e.getLocation()), SyntaxProblem.of(e));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read (" + e.getMessage() + ")");
        }
        if (tree instanceof ObjectNode section) {
            return section;
        }
        throw new ConfigException(file.toString(), "expected a mapping of config keys, found "
                + (tree == null || tree.isMissingNode() ? "nothing" : excerpt(tree.toString())));
    }

    /** {@code text}, cut after {@value #EXCERPT_CHARS} characters so that a one-line error stays one short line. */
    private static String excerpt(String text) {
        return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS) + "... ("
                + text.length() + " characters)";
    }

    private static String line(JsonLocation location) {
        return location != null && location.getLineNr() > 0 ? " line " + location.getLineNr() : "";
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
