package org.tagbench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The mapper of the store's JSON columns, in a class of its own so that it is made only when a command reads or
 * writes one: {@code tagbench runs} lists plain columns, and making the mapper was a tenth of its time.
 */
public final class StoreJson {
    /** Java times as ISO-8601 text. */
    static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private StoreJson() {
    }

    /** {@code value}, made of plain values (numbers, text, lists, maps, times), as the JSON text of a store column. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values are JSON", e);
        }
    }
}
