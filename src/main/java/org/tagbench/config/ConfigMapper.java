package org.tagbench.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import org.tagbench.model.Architecture;

/**
 * The one Jackson setup for configs: it parses YAML and JSON (through a JSON parser), binds trees to the records and
 * turns records back into trees for the canonical JSON.
 */
final class ConfigMapper {
    /** Record components are camelCase, config keys snake_case; enum values are written lower-case. */
    static final ObjectMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // Sorted keys make the canonical JSON independent of declaration and input order.
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            // Otherwise "mel_scale: 1" silently picks the second constant and "batch_size: 16.5" becomes 16.
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // YAML parsers keep the last of two equal keys; in a config that silently drops a whole section.
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .addModule(new SimpleModule("tagbench-config")
                    // Jackson's own Path serializer writes absolute file: URIs, which would tie the hash to a machine.
                    .addSerializer(Path.class, ToStringSerializer.instance)
                    .addDeserializer(Path.class, new PathDeserializer())
                    .addSerializer(Architecture.class, ToStringSerializer.instance)
                    .addDeserializer(Architecture.class, new ArchitectureDeserializer()))
            .build();

    private ConfigMapper() {
    }
}
