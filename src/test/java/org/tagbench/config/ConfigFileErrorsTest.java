package org.tagbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigFileErrorsTest extends ConfigFolderTest {
    @Test
    void missingFileIsNamedAsGiven() {
        assertEquals("config error: configs/nope.yaml: file not found",
                ConfigDir.messageOf(() -> ConfigLoader.load(Path.of("configs/nope.yaml"), List.of())));
    }

    @Test
    void malformedYamlNamesFileLineAndReason() {
        Path file = dir.write("x.yaml", """
                name: x
                data:
                  dataset: synthetic
                  clips: [1, 2
                model: {arch: k2c2}
                """);

        assertEquals("config error: " + file + " line 5: expected ',' or ']', but got :", dir.error("x.yaml"));
    }

    @Test
    void badIndentationNamesItsLine() {
        Path file = dir.write("x.yaml", "name: x\nmodel:\n  arch: k2c2\n   params: 100k\n");

        assertEquals("config error: " + file + " line 4: mapping values are not allowed here", dir.error("x.yaml"));
    }

    @Test
    void malformedJsonNamesFileLineAndReason() {
        Path file = dir.write("x.json", """
                {
                  "data": {"dataset": "synthetic"},
                  "model": {"arch": "k2c2",, "params": "100k"}
                }
                """);

        assertEquals("config error: " + file + " line 3: Unexpected character (',' (code 44)): was expecting"
                + " double-quote to start field name",
                dir.error("x.json"));
    }

    @Test
    void keyWrittenTwiceNamesItsPathAndLine() {
        Path file = dir.write("x.yaml", ConfigDir.MINIMAL + "training: {batch_size: 8}\ndata: {chunk_seconds: 2}\n");

        assertEquals("config error: " + file + " line 4: duplicate key data", dir.error("x.yaml"));
    }

    @Test
    void nestedKeyWrittenTwiceNamesItsPath() {
        Path file = dir.write("x.json", "{\"training\": {\"optimizer\": {\"lr\": 0.1, \"lr\": 0.2}}}");

        assertEquals("config error: " + file + " line 1: duplicate key training.optimizer.lr", dir.error("x.json"));
    }

    @Test
    void topLevelMustBeAMapping() {
        Path list = dir.write("list.yaml", "- a\n- b\n");
        Path empty = dir.write("empty.yaml", "");

        assertEquals("config error: " + list + ": expected a mapping of config keys, found [\"a\",\"b\"]",
                dir.error("list.yaml"));
        assertEquals("config error: " + empty + ": expected a mapping of config keys, found nothing",
                dir.error("empty.yaml"));
    }

    @Test
    void aLongValueInPlaceOfTheMappingIsCut() {
        Path file = dir.write("long.yaml", "x".repeat(1000) + "\n");

        assertEquals("config error: " + file + ": expected a mapping of config keys, found \"" + "x".repeat(79)
                + "... (1002 characters)", dir.error("long.yaml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"latin1.yaml", "latin1.json"})
    void bytesThatAreNotUtf8AreSaidSo(String name) throws Exception {
        Path file = dir.write(name, "");
        String text = name.endsWith(".json") ? "{\"data\": {\"dataset\": \"synthetic\"},\n\"name\": \"caf\u00e9\"}"
                : ConfigDir.MINIMAL + "name: caf\u00e9\n";
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));

        assertTrue(dir.error(name).matches("config error: " + Pattern.quote(file.toString()) + " line [23]: not UTF-8"
                + " text \\(expected the file saved as UTF-8\\)"), dir.error(name));
    }

    @Test
    void nestingBeyondTheParsersLimitIsOneLine() {
        Path file = dir.write("deep.yaml", ConfigDir.MINIMAL + "x: " + "[".repeat(2000) + "]".repeat(2000) + "\n");

        assertEquals("config error: " + file + ": Document nesting depth (1001) exceeds the maximum allowed (1000)",
                dir.error("deep.yaml"));
    }

    @Test
    void aFolderIsNotAConfig() throws Exception {
        Path folder = Files.createDirectories(dir.root().resolve("runs.yaml"));

        assertEquals("config error: " + folder + ": is a folder, not a config file", dir.error("runs.yaml"));
    }

    @Test
    void onlyYamlAndJsonFilesAreConfigs() {
        Path file = dir.write("run.txt", ConfigDir.MINIMAL);

        assertEquals("config error: " + file + ": not a config file (expected .yaml, .yml, .json)",
                dir.error("run.txt"));
    }
}
