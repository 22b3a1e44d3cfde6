package org.tagbench.export;

import java.util.Arrays;
import java.util.Locale;
import org.tagbench.config.ConfigException;

/** What {@code tagbench export} writes into its folder: the bundle's files, {@code model.onnx}, or both. */
public enum ExportFormat {
    /** The bundle alone: model.json, weights.npz, config.json, metrics.json, provenance.json, MODEL_CARD.md. */
    BUNDLE(true, false),
    /** {@code model.onnx} alone: it carries its tags, sample rate, chunking and provenance in its metadata. */
    ONNX(false, true),
    /** The bundle and {@code model.onnx} side by side. */
    ALL(true, true);

    private final boolean bundle;
    private final boolean onnx;

    ExportFormat(boolean bundle, boolean onnx) {
        this.bundle = bundle;
        this.onnx = onnx;
    }

    /** Whether the bundle's files are written. */
    public boolean bundle() {
        return bundle;
    }

    /** Whether {@code model.onnx} is written. */
    public boolean onnx() {
        return onnx;
    }

    /** The format named {@code name} (bundle, onnx or all); another name is a one-line error naming {@code where}. */
    public static ExportFormat named(String name, String where) {
        return Arrays.stream(values()).filter(f -> f.name().toLowerCase(Locale.ROOT).equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException(where, name + " is not a format (expected bundle, onnx or"
                        + " all)"));
    }
}
