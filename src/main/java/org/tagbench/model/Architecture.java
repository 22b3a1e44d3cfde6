package org.tagbench.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The network structures tagbench builds (Choi et al. 2017, arXiv 1609.04243; FCN, the short-chunk CNN and the
 * short-chunk ResNet as the sota-music-tagging-models repo builds them), by config name and aliases. Each takes one
 * width per convolution (or residual block), dense or GRU layer; Table 1 (or the repo's widths) ties layers into
 * groups of equal width whose widths keep fixed ratios, which {@link WidthSolver} scales to a budget.
 * Beside them, Lee et al. 2017's sample-level CNN on the raw waveform ({@code samplecnn}, docs/architectures.md),
 * and musicnn, whose three mid-end convolutions take one width (their outputs are added).
 */
public enum Architecture {
    K1C2("k1c2", new String[] {"conv1", "conv2", "conv3", "conv4", "fc1", "fc2"},
            new int[] {0, 0, 1, 1, 2, 2}, new double[] {1, 2, 2}, "conv1d"),
    K2C1("k2c1", new String[] {"conv1", "conv2", "conv3", "conv4", "conv5", "fc1", "fc2"},
            new int[] {0, 0, 0, 1, 1, 2, 2}, new double[] {1, 2, 2}),
    K2C2("k2c2", new String[] {"conv1", "conv2", "conv3", "conv4", "conv5"},
            new int[] {0, 1, 1, 2, 3}, new double[] {1, 2, 3, 4}, "conv2d"),
    CRNN("crnn", new String[] {"conv1", "conv2", "conv3", "conv4", "gru1", "gru2"},
            new int[] {0, 1, 1, 1, 2, 2}, new double[] {1, 2, 1}),
    FCN("fcn", new String[] {"conv1", "conv2", "conv3", "conv4", "conv5"},
            new int[] {0, 1, 1, 1, 0}, new double[] {1, 2}),
    SHORTCHUNK("shortchunk", new String[] {"conv1", "conv2", "conv3", "conv4", "conv5", "conv6", "conv7", "fc1"},
            new int[] {0, 0, 1, 1, 1, 1, 2, 2}, new double[] {1, 2, 4}, "short-chunk-cnn"),
    SHORTCHUNK_RES("shortchunk-res", new String[] {"res1", "res2", "res3", "res4", "res5", "res6", "res7", "fc1"},
            new int[] {0, 0, 1, 1, 1, 1, 2, 2}, new double[] {1, 2, 4}, "shortchunk-resnet"),
    SAMPLECNN("samplecnn", new String[] {"conv1", "conv2", "conv3", "conv4", "conv5", "conv6", "conv7", "conv8",
        "conv9", "conv10", "conv11"}, new int[] {0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2}, new double[] {1, 2, 4}),
    BILSTM_ATTN("bilstm-attn", new String[] {"conv1", "conv2", "conv3", "conv4", "lstm"},
            new int[] {0, 1, 2, 2, 3}, new double[] {1, 2, 4, 2}),
    MUSICNN("musicnn", new String[] {"timbral1", "timbral2", "temporal1", "temporal2", "temporal3", "midend", "fc1"},
            new int[] {0, 0, 1, 1, 1, 2, 3}, new double[] {1, 51.0 / 204, 64.0 / 204, 200.0 / 204});

    private final String configName;
    private final List<String> layerNames;
    private final int[] layerGroups;
    private final double[] groupRatios;
    private final List<String> aliases;

    Architecture(String configName, String[] layerNames, int[] layerGroups, double[] groupRatios, String... aliases) {
        this.configName = configName;
        this.layerNames = List.of(layerNames);
        this.layerGroups = layerGroups;
        this.groupRatios = groupRatios;
        this.aliases = List.of(aliases);
    }

    /** Names of the layers that take a width, in the order of the widths. */
    public List<String> layerNames() {
        return layerNames;
    }

    /** Width of each group of equal-width layers relative to the first group, as in the paper's Table 1. */
    double[] groupRatios() {
        return groupRatios.clone();
    }

    /** Per-layer widths from one width per group of equal-width layers (e.g. Table 1's columns). */
    public int[] layerWidths(int[] groupWidths) {
        return Arrays.stream(layerGroups).map(g -> groupWidths[g]).toArray();
    }

    /**
     * The network of this structure for an input of {@code melBands x frames} and {@code tags} outputs, with one
     * width per layer of {@link #layerNames()}.
     */
    public ModelSpec spec(int melBands, int frames, int tags, int[] widths) {
        if (widths.length != layerNames.size() || Arrays.stream(widths).anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException(configName + " takes " + layerNames.size() + " positive widths ("
                    + String.join(", ", layerNames) + "), got " + Arrays.toString(widths));
        }
        if (tags < 1) {
            throw new IllegalArgumentException("a network needs at least 1 tag, got " + tags);
        }
        return switch (this) {
            case K1C2 -> K1c2.spec(melBands, frames, tags, widths);
            case K2C1 -> K2c1.spec(melBands, frames, tags, widths);
            case K2C2 -> K2c2.spec(melBands, frames, tags, widths);
            case CRNN -> Crnn.spec(melBands, frames, tags, widths);
            case FCN -> Fcn.spec(melBands, frames, tags, widths);
            case SHORTCHUNK -> ShortChunk.spec(melBands, frames, tags, widths);
            case SHORTCHUNK_RES -> ShortChunkRes.spec(melBands, frames, tags, widths);
            case SAMPLECNN -> SampleCnn.spec(melBands, frames, tags, widths);
            case BILSTM_ATTN -> BilstmAttn.spec(melBands, frames, tags, widths);
            case MUSICNN -> Musicnn.spec(melBands, frames, tags, widths);
        };
    }

    /**
     * Whether the network eats the raw waveform (an input of 1 x samples, {@code features.frontend: none}) rather
     * than a log-mel spectrogram.
     */
    public boolean eatsWaveform() {
        return this == SAMPLECNN;
    }

    /** The name used in configs and run records. */
    public String configName() {
        return configName;
    }

    /** Finds an architecture by its config name or an alias, ignoring case. */
    public static Optional<Architecture> byName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(a -> a.configName.equals(wanted) || a.aliases.contains(wanted))
                .findFirst();
    }

    /** Known names for error messages, e.g. {@code k2c2 (conv2d)}. */
    public static String knownNames() {
        return Arrays.stream(values())
                .map(a -> a.aliases.isEmpty() ? a.configName : a.configName + " (" + String.join(", ", a.aliases) + ")")
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return configName;
    }
}
