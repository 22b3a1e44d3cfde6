package org.tagbench.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The network structures tagbench builds (Choi et al. 2017), by config name and aliases. */
public enum Architecture {
    K2C2("k2c2", "conv2d");

    private final String configName;
    private final List<String> aliases;

    Architecture(String configName, String... aliases) {
        this.configName = configName;
        this.aliases = List.of(aliases);
    }

    /** Width of each layer group relative to the first, as in the paper's Table 1. */
    double[] widthRatios() {
        return switch (this) {
            case K2C2 -> K2c2.WIDTH_RATIOS.clone();
        };
    }

    /** The network of this structure for an input of {@code melBands x frames} and {@code tags} outputs. */
    public ModelSpec spec(int melBands, int frames, int tags, int[] widths) {
        return switch (this) {
            case K2C2 -> K2c2.spec(melBands, frames, tags, widths);
        };
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
