package org.tagbench.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a path exactly as written; a relative path stays relative to the working directory. (Jackson's own reader
 * takes any text with a colon for a URI.)
 */
final class PathDeserializer extends StdScalarDeserializer<Path> {

    PathDeserializer() {
        super(Path.class);
    }

    /** The path named by a string value; any other value is a type error. */
    @Override
    public Path deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (Path) context.handleUnexpectedToken(Path.class, parser);
        }
        return Path.of(parser.getText());
    }
}
