package org.tagbench.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.nio.file.Path;
import java.util.List;
import org.tagbench.model.Architecture;

/**
 * The network: its architecture, its trainable-parameter budget (default 100k), and for fine-tuning the model bundle
 * whose weights it starts from ({@code init}) and the layers kept fixed ({@code freeze}, {@code model summary} names
 * or numbers). An absent {@code init} or {@code freeze} is left out of the canonical JSON, so configs written before
 * fine-tuning existed keep their hash and experiment key.
 */
public record ModelConfig(Architecture arch, @JsonDeserialize(using = ParameterBudget.class) long params,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Path init,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> freeze) {

    /** Requires an architecture and a positive budget; a freeze list needs a bundle to start from. */
    public ModelConfig {
        if (arch == null) {
            throw new ConfigException("arch", "missing required key (known: " + Architecture.knownNames() + ")");
        }
        if (params <= 0) {
            throw new ConfigException("params", ParameterBudget.rejection(String.valueOf(params)));
        }
        freeze = freeze == null ? List.of() : List.copyOf(freeze);
        if (!freeze.isEmpty() && init == null) {
            throw new ConfigException("freeze", freeze + " freezes layers of a random initialisation (expected"
                    + " model.init: BUNDLE, the model bundle whose weights they keep)");
        }
    }

    /** A network trained from its random initialisation, nothing frozen. */
    public ModelConfig(Architecture arch, long params) {
        this(arch, params, null, List.of());
    }
}
