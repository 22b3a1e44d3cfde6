package org.tagbench.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Turns Jackson's binding failures into one-line config errors that name the key path as the user wrote it, the
 * value found there and what was expected; Jackson's own messages (class names, tokens) never reach the user.
 */
final class BindingErrors {
    private static final Map<Class<?>, String> EXPECTED = Map.ofEntries(
            Map.entry(int.class, "an integer"), Map.entry(Integer.class, "an integer"),
            Map.entry(long.class, "an integer"), Map.entry(Long.class, "an integer"),
            Map.entry(double.class, "a number"), Map.entry(Double.class, "a number"),
            Map.entry(boolean.class, "true or false"), Map.entry(Boolean.class, "true or false"),
            Map.entry(String.class, "a string"), Map.entry(Path.class, "a path"));

    private BindingErrors() {
    }

    /** The config error for {@code failure}, raised while binding the resolved {@code tree}. */
    static ConfigException translate(JsonMappingException failure, JsonNode tree) {
        String path = failure.getPath().stream()
                .map(JsonMappingException.Reference::getFieldName)
                .filter(Objects::nonNull)
                .collect(Collectors.joining("."));
        JsonNode value = at(tree, failure);
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // Raised by a record's checks or by one of our deserializers, relative to where Jackson was.
            if (cause instanceof ConfigException raised) {
                return raised.within(path);
            }
        }
        if (failure instanceof UnrecognizedPropertyException unknown) {
            return new ConfigException(path, "unknown key (known: " + unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")");
        }
        if (failure instanceof InvalidTypeIdException && value.isObject()) {
            JsonNode dataset = value.path(DataConfig.SELECTOR);
            String known = " (known: " + String.join(", ", DataConfig.datasets()) + ")";
            return new ConfigException(path + "." + DataConfig.SELECTOR,
                    (dataset.isMissingNode() ? "missing required key" : dataset + " is not a dataset") + known);
        }
        return new ConfigException(path, value + " is not " + expected(targetType(failure)));
    }

    private static JsonNode at(JsonNode tree, JsonMappingException failure) {
        JsonNode node = tree;
        for (JsonMappingException.Reference reference : failure.getPath()) {
            node = reference.getFieldName() != null ? node.path(reference.getFieldName())
                    : node.path(reference.getIndex());
        }
        return node;
    }

    private static Class<?> targetType(JsonMappingException failure) {
        if (failure instanceof InvalidTypeIdException typeId) {
            return typeId.getBaseType().getRawClass();
        }
        if (failure instanceof MismatchedInputException mismatch) {
            return mismatch.getTargetType();
        }
        if (failure instanceof ValueInstantiationException instantiation) {
            return instantiation.getType().getRawClass();
        }
        return null;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "valid here";
        }
        if (EXPECTED.containsKey(type)) {
            return EXPECTED.get(type);
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        // The config's sections: the records, and DataConfig for the data section.
        return type.isRecord() || type.isInterface() ? "a mapping of keys" : "valid here";
    }
}
