package org.tagbench.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a run learns ({@code task}): tags, any number per track, or one class per track. Left out of the canonical
 * config while it is {@link #DEFAULT}, so that configs written before tasks existed keep their experiment keys.
 */
public enum TaskName {
    /** Any number of tags per track: a sigmoid per tag (what every run did before tasks could be chosen). */
    MULTILABEL,
    /** Exactly one class per track: a softmax over the classes. */
    MULTICLASS;

    /** What a config that names no task gets. */
    public static final TaskName DEFAULT = MULTILABEL;

    /** The name as a config writes it. */
    @JsonValue
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The task a config names (any case), or a config error listing the known tasks. */
    @JsonCreator
    public static TaskName of(String name) {
        return Arrays.stream(values()).filter(t -> t.configName().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new ConfigException("", Require.quoted(name) + " is not a task (expected "
                        + Arrays.stream(values()).map(TaskName::configName).collect(Collectors.joining(" or "))
                        + ")"));
    }

    /**
     * Jackson's inclusion filter for the canonical config: "equal" to (so leaving out) the default task, which
     * configs from before tasks existed did not write.
     */
    static final class DefaultFilter {
        @Override
        public boolean equals(Object value) {
            return value == DEFAULT;
        }

        @Override
        public int hashCode() {
            return DEFAULT.hashCode();
        }
    }
}
