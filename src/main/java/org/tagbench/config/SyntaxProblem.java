package org.tagbench.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.CharConversionException;
import java.util.Arrays;

/** The short reason of a YAML/JSON syntax error, without the parser's multi-line excerpt of the input. */
public final class SyntaxProblem {
    private SyntaxProblem() {
    }

    /** The reason of {@code error}, e.g. {@code expected ',' or ']', but got :} or {@code duplicate key data.seed}. */
    static String of(JsonProcessingException error) {
        // Reading a tree, the only mismatch Jackson reports is a key written twice (FAIL_ON_READING_DUP_TREE_KEY).
        if (error instanceof MismatchedInputException && error.getProcessor() instanceof JsonParser parser) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            return "duplicate key " + pointer.substring(1).replace('/', '.');
        }
        return reason(error);
    }

    /**
     * What {@code error} says went wrong, as one line a user can act on: the last prose line of a multi-line
     * message, without Jackson's source excerpts, class names or setting names.
     */
    public static String reason(JacksonException error) {
        // The YAML parser's message is "context / excerpt / problem / excerpt"; only unindented lines are prose,
        // and the last of them says what was wrong. The JSON parser's message is one line.
        String problem = Arrays.stream(error.getOriginalMessage().split("\\R"))
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .reduce((first, second) -> second)
                .orElse("malformed input");
        // A decoding failure arrives as "java.io.CharConversionException: ..." (YAML) or "Invalid UTF-8 ..." (JSON)
        // with the decoder's view of the bytes; a limit names the Jackson setting behind it, an unclosed object the
        // (redacted) source of its start: the user needs none of these.
        if (problem.startsWith(CharConversionException.class.getName()) || problem.startsWith("Invalid UTF-8")) {
            return "not UTF-8 text (expected the file saved as UTF-8)";
        }
        return problem.replaceAll(", from `[^`]*`", "").replaceAll(" \\(start marker at \\[Source: .*$", "");
    }
}
