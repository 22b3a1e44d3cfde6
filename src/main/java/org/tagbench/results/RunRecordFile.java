package org.tagbench.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Path;
import org.tagbench.files.AtomicFile;
import org.tagbench.files.FileFailure;

/**
 * Run records as JSON files ({@code run.json} in the run folder), written atomically so a reader never sees half
 * a record. Undefined metrics (NaN) are written as null.
 */
public final class RunRecordFile {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .addModule(nanAsNull())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Derived lists (TagMetrics.undefinedTags) are written for readers, not read back into their getters.
            .disable(MapperFeature.USE_GETTERS_AS_SETTERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private RunRecordFile() {
    }

    /** The record's file name in a run folder. */
    public static final String FILE_NAME = "run.json";

    /** Writes {@code record} as {@code folder/run.json}, creating {@code folder}; returns the file. */
    public static Path write(Path folder, RunRecord record) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        try {
            AtomicFile.write(file, out -> MAPPER.writeValue(out, record));
        } catch (IOException e) {
            throw FileFailure.naming(file, e);
        }
        return file;
    }

    /** Reads a record written by {@link #write}. */
    public static RunRecord read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), RunRecord.class);
    }

    private static SimpleModule nanAsNull() {
        SimpleModule module = new SimpleModule("nan-as-null");
        JsonSerializer<Double> serializer = new JsonSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                if (value.isNaN()) {
                    gen.writeNull();
                } else {
                    gen.writeNumber(value);
                }
            }
        };
        JsonDeserializer<Double> deserializer = new JsonDeserializer<>() {
            @Override
            public Double deserialize(com.fasterxml.jackson.core.JsonParser p, DeserializationContext ctx)
                    throws IOException {
                return p.getDoubleValue();
            }

            @Override
            public Double getNullValue(DeserializationContext ctx) {
                return Double.NaN;
            }
        };
        module.addSerializer(Double.class, serializer);
        module.addSerializer(double.class, serializer);
        module.addDeserializer(Double.class, deserializer);
        module.addDeserializer(double.class, deserializer);
        return module;
    }
}
