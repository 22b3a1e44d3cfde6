package org.tagbench.config;

import java.util.List;

/** The optimizer by name (only {@code adam} so far) and its learning rate (default 0.001). */
public record OptimizerConfig(String name, double lr) {
    private static final List<String> KNOWN = List.of("adam");

    /** Requires a known optimizer and a positive learning rate. */
    public OptimizerConfig {
        if (!KNOWN.contains(name)) {
            throw new ConfigException("name", Require.quoted(name) + " is not an optimizer (known: "
                    + String.join(", ", KNOWN) + ")");
        }
        Require.positive("lr", lr);
    }
}
