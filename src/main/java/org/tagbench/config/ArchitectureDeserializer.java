package org.tagbench.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.util.Optional;
import org.tagbench.model.Architecture;

/** Reads {@code model.arch} by config name or alias, ignoring case ({@link Architecture#byName}). */
final class ArchitectureDeserializer extends StdScalarDeserializer<Architecture> {

    ArchitectureDeserializer() {
        super(Architecture.class);
    }

    /** The architecture named by the value, or a config error listing the known names. */
    @Override
    public Architecture deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode value = context.readTree(parser);
        return Optional.of(value)
                .filter(JsonNode::isTextual)
                .flatMap(name -> Architecture.byName(name.asText()))
                .orElseThrow(() -> new ConfigException("", value + " is not an architecture (known: "
                        + Architecture.knownNames() + ")"));
    }
}
