package org.tagbench.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code engine/conventions-golden.json} (scripts/conventions_golden.py: each training convention in float64 with
 * torch), and its number lists as arrays.
 */
public final class ConventionsGolden {
    private static JsonNode root;

    private ConventionsGolden() {
    }

    /** The whole golden file: its "init", "step" and "adam" sections. */
    public static synchronized JsonNode root() {
        if (root == null) {
            try (InputStream in = ConventionsGolden.class.getResourceAsStream("/engine/conventions-golden.json")) {
                root = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    /** The members of a JSON list, in order. */
    public static List<JsonNode> elements(JsonNode list) {
        List<JsonNode> elements = new ArrayList<>();
        list.elements().forEachRemaining(elements::add);
        return elements;
    }

    /** A JSON list of integers. */
    public static int[] ints(JsonNode list) {
        return elements(list).stream().mapToInt(JsonNode::asInt).toArray();
    }

    /** A JSON list of numbers. */
    public static double[] doubles(JsonNode list) {
        return elements(list).stream().mapToDouble(JsonNode::asDouble).toArray();
    }

    /** A JSON list of numbers as float32 (the golden's inputs are float32 values written with 10 digits). */
    public static float[] floats(JsonNode list) {
        double[] values = doubles(list);
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
