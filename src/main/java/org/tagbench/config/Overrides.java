package org.tagbench.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line's {@code --set dotted.key=value} overrides. The value is read as YAML, so {@code 3} is an
 * integer, {@code null} is null and {@code 250k} a string; the binding then checks it like any value in a file.
 */
final class Overrides {
    private static final Pattern OVERRIDE = Pattern.compile("([^.=]+(?:\\.[^.=]+)*)=(.*)", Pattern.DOTALL);

    private Overrides() {
    }

    /** Sets each override's value at its key path in {@code tree}, creating sections on the way. */
    static void apply(ObjectNode tree, List<String> overrides) {
        for (String override : overrides) {
            Matcher parts = OVERRIDE.matcher(override);
            if (!parts.matches()) {
                throw new ConfigException(where(override), "expected dotted.key=value, e.g. training.max_epochs=3");
            }
            String[] keys = parts.group(1).split("\\.");
            ObjectNode section = tree;
            // A value in the way of a deeper key is replaced, and binding then reports that key's new value.
            for (int i = 0; i < keys.length - 1; i++) {
                section = section.get(keys[i]) instanceof ObjectNode inner ? inner : section.putObject(keys[i]);
            }
            section.set(keys[keys.length - 1], value(override, parts.group(2)));
        }
    }

    /** The dotted key of {@code override}, or nothing when it is not of the form {@code key=value}. */
    static Optional<String> key(String override) {
        Matcher parts = OVERRIDE.matcher(override);
        return parts.matches() ? Optional.of(parts.group(1)) : Optional.empty();
    }

    private static JsonNode value(String override, String text) {
        try {
            JsonNode value = ConfigMapper.MAPPER.readTree(text);
            // An empty YAML document is no value at all; "key=" means key: null, as "key:" does in YAML.
            return value.isMissingNode() ? NullNode.getInstance() : value;
        } catch (JsonProcessingException e) {
            throw new ConfigException(where(override), "value is not YAML (" + SyntaxProblem.of(e) + ")");
        }
    }

    private static String where(String override) {
        return "--set " + Require.quoted(override);
    }
}
