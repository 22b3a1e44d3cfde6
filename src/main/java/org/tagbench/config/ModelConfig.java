package org.tagbench.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.tagbench.model.Architecture;

/** The network: its architecture and its trainable-parameter budget (default 100k). */
public record ModelConfig(Architecture arch, @JsonDeserialize(using = ParameterBudget.class) long params) {

    /** Requires an architecture and a positive budget. */
    public ModelConfig {
        if (arch == null) {
            throw new ConfigException("arch", "missing required key (known: " + Architecture.knownNames() + ")");
        }
        if (params <= 0) {
            throw new ConfigException("params", ParameterBudget.rejection(String.valueOf(params)));
        }
    }
}
