package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TagbenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = TagbenchCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void versionNamesTagbenchAndJava() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("tagbench 0."), out.toString());
        assertTrue(out.toString().contains("Java 17"), out.toString());
    }

    @Test
    void everyCommandHasHelp() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("run"), out.toString());
        assertEquals(0, run("run", "--help"));
        assertTrue(out.toString().contains("--set=KEY=VALUE"), out.toString());
    }

    @Test
    void aCommandLineNamingOneSubcommandBuildsOnlyIt() {
        assertEquals(java.util.List.of("runs"),
                java.util.List.copyOf(TagbenchCommand.commandLine(new String[] {"-v", "runs", "show", "3"})
                        .getSubcommands().keySet()));
        assertEquals(java.util.List.of("run", "eval", "predict", "embed", "robustness", "data", "metrics", "mel",
                        "bench", "model", "runs", "sweep", "compare", "export", "probe", "help"),
                java.util.List.copyOf(TagbenchCommand.commandLine(new String[] {"--help"}).getSubcommands().keySet()));
        assertEquals(16, TagbenchCommand.commandLine(new String[] {"help", "runs"}).getSubcommands().size());
    }

    @Test
    void aMistypedSubcommandIsOneLineWithExitCode2() {
        CommandLine cmd = TagbenchCommand.commandLine(new String[] {"rusn"});
        cmd.setErr(new PrintWriter(err, true));
        assertEquals(2, cmd.execute("rusn"));
        assertOneLine("tagbench: Unmatched argument at index 0: 'rusn' (see 'tagbench --help')");
    }

    @Test
    void unknownOptionIsOneLineWithExitCode2() {
        assertEquals(2, run("run", "--bogus", "x.yaml"));
        assertOneLine("tagbench: Unknown option: '--bogus' (see 'tagbench run --help')");
    }

    @Test
    void missingConfigIsOneLineWithExitCode2(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertEquals(2, run("run", missing.toString()));
        assertOneLine("config error: " + missing + ": file not found");
    }

    @Test
    void badConfigValueIsOneLineWithExitCode2(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "data: {dataset: synthetic}\nmodel: {arch: k2c2, params: -3M}\n");
        assertEquals(2, run("run", config.toString()));
        assertOneLine("config error: model.params: \"-3M\" is not a parameter budget (expected e.g. 250k, 1M, 1000000)");
    }

    private void assertOneLine(String expected) {
        assertEquals(expected + System.lineSeparator(), err.toString());
    }
}
