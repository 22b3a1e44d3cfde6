package org.tagbench.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code model.params}, a whole number of trainable parameters: a YAML number ({@code 1000000}, YAML's
 * {@code 1_000_000}, {@code 1e6}) or a decimal with a {@code k} (thousand) or {@code M} (million) suffix, either case
 * ({@code 100k}, {@code 0.25M}). Positivity is checked by {@link ModelConfig} for configs and by {@link #parse} for
 * options.
 */
public final class ParameterBudget extends StdDeserializer<Long> {
    private static final Pattern SHORTHAND = Pattern.compile("(\\d+(?:\\.\\d+)?)([kKmM]?)");

    ParameterBudget() {
        super(Long.class);
    }

    /** The budget the value spells, or a config error quoting it. */
    @Override
    public Long deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode value = context.readTree(parser);
        return amount(value)
                .flatMap(ParameterBudget::whole)
                .orElseThrow(() -> new ConfigException("", rejection(value.toString())));
    }

    /**
     * The budget {@code text} spells ({@code 100k}, {@code 0.25M}, {@code 1000000}, {@code 1e6}), or a config error
     * at {@code key}. The text is read as a YAML value, as {@code --set model.params=TEXT} reads it, so that a
     * command-line option and a config accept the same spellings.
     */
    public static long parse(String key, String text) {
        JsonNode value;
        try {
            value = ConfigMapper.MAPPER.readTree(text);
        } catch (JsonProcessingException notYaml) {
            value = new TextNode(text);
        }
        return amount(value)
                .flatMap(ParameterBudget::whole)
                .filter(budget -> budget > 0)
                .orElseThrow(() -> new ConfigException(key, rejection("\"" + text + "\"")));
    }

    /** The problem text for a value (as written) that is not a budget. */
    static String rejection(String value) {
        return value + " is not a parameter budget (expected e.g. 250k, 1M, 1000000)";
    }

    private static Optional<BigDecimal> amount(JsonNode value) {
        if (value.isNumber()) {
            return Optional.of(value.decimalValue());
        }
        if (!value.isTextual()) {
            return Optional.empty();
        }
        Matcher shorthand = SHORTHAND.matcher(value.asText());
        if (!shorthand.matches()) {
            return Optional.empty();
        }
        int exponent = switch (shorthand.group(2)) {
            case "k", "K" -> 3;
            case "m", "M" -> 6;
            default -> 0;
        };
        return Optional.of(new BigDecimal(shorthand.group(1)).scaleByPowerOfTen(exponent));
    }

    private static Optional<Long> whole(BigDecimal amount) {
        try {
            return Optional.of(amount.longValueExact());
        } catch (ArithmeticException fractionalOrHuge) {
            return Optional.empty();
        }
    }
}
