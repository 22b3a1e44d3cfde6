package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-line errors of {@code run} and {@code eval} for a wrong mix of arguments or a folder that is not a run. */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void runNeedsConfigOrResumeButNotBoth() {
        CommandRun neither = CommandRun.of("run");
        CommandRun both = CommandRun.of("run", "a.yaml", "--resume", dir.toString());

        assertEquals(2, neither.code());
        assertEquals("tagbench: give either CONFIG or --resume RUN_DIR (see 'tagbench run --help')", neither.err().strip());
        assertEquals(2, both.code());
    }

    @Test
    void resumingAFolderThatIsNotARunIsAOneLineError() {
        CommandRun run = CommandRun.of("run", "--resume", dir.toString());

        assertEquals(2, run.code());
        assertEquals("config error: --resume: " + dir + " is not a run folder (it has no config.json)",
                run.err().strip());
    }

    @Test
    void resumingAFinishedRunIsAOneLineError() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"data\": {\"dataset\": \"synthetic\"}, \"model\": {\"arch\": \"k2c2\"}}");
        Files.writeString(dir.resolve("run.json"), "{}");

        CommandRun run = CommandRun.of("run", "--resume", dir.toString());

        assertEquals(2, run.code());
        assertEquals("config error: --resume: " + dir + " is a finished run (it has run.json)", run.err().strip());
    }

    @Test
    void evalNamesAMissingBestModel() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"data\": {\"dataset\": \"synthetic\"}, \"model\": {\"arch\": \"k2c2\"}}");

        CommandRun run = CommandRun.of("eval", dir.toString(), "--split", "valid");

        assertEquals(2, run.code());
        assertEquals("config error: RUN_DIR: " + dir + " has no best-model.zip (no epoch of it finished)",
                run.err().strip());
    }
}
