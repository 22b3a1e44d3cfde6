package org.tagbench.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The cases of {@code engine/gru-golden.json} (scripts/gru_golden.py: torch.nn.GRU in float64), and their nested
 * number lists as flat row-major values with a shape.
 */
public final class GruGolden {
    private GruGolden() {
    }

    /** The case named {@code name} ("single" or "stacked"). */
    public static JsonNode goldenCase(String name) throws IOException {
        try (InputStream in = GruGolden.class.getResourceAsStream("/engine/gru-golden.json")) {
            for (JsonNode c : new ObjectMapper().readTree(in).get("cases")) {
                if (c.get("name").asText().equals(name)) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("no golden case " + name);
    }

    /** The shape of a nested JSON list of numbers. */
    public static long[] shape(JsonNode nested) {
        List<Long> shape = new ArrayList<>();
        for (JsonNode n = nested; n.isArray(); n = n.get(0)) {
            shape.add((long) n.size());
        }
        return shape.stream().mapToLong(Long::longValue).toArray();
    }

    /** The numbers of a nested JSON list, row-major. */
    public static double[] values(JsonNode nested) {
        List<Double> values = new ArrayList<>();
        flatten(nested, values);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flatten(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            node.forEach(n -> flatten(n, out));
        } else {
            out.add(node.asDouble());
        }
    }
}
