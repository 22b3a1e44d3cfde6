package org.tagbench.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where the audio and tags come from. The {@code dataset} key selects the reader, and each reader has its own
 * record with its own keys, so a key of another reader is an unknown key. A reader's record checks
 * {@code chunk_seconds > 0} like {@link SyntheticDataConfig} does.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY,
        property = DataConfig.SELECTOR, visible = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = SyntheticDataConfig.class, name = SyntheticDataConfig.DATASET),
    @JsonSubTypes.Type(value = MsdChoiDataConfig.class, name = MsdChoiDataConfig.DATASET),
    @JsonSubTypes.Type(value = MsdLeeDataConfig.class, name = MsdLeeDataConfig.DATASET),
    @JsonSubTypes.Type(value = MtatDataConfig.class, name = MtatDataConfig.DATASET),
    @JsonSubTypes.Type(value = JamendoDataConfig.class, name = JamendoDataConfig.DATASET),
    @JsonSubTypes.Type(value = CsvDataConfig.class, name = CsvDataConfig.DATASET),
    @JsonSubTypes.Type(value = ClassFoldersDataConfig.class, name = ClassFoldersDataConfig.DATASET)})
public sealed interface DataConfig permits SyntheticDataConfig, MsdChoiDataConfig, MsdLeeDataConfig, MtatDataConfig,
        JamendoDataConfig, CsvDataConfig, ClassFoldersDataConfig {
    /** The key whose value picks the reader. */
    String SELECTOR = "dataset";

    /** The reader's name, e.g. {@code synthetic}. */
    String dataset();

    /** The dataset's audio folder, or null for the reader's default location. */
    Path root();

    /** Seconds of audio in each chunk the network sees (default 3). */
    double chunkSeconds();

    /** The dataset names a config may use, in registration order. */
    static List<String> datasets() {
        return Arrays.stream(DataConfig.class.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::name)
                .toList();
    }
}
