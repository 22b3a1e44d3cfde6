package org.tagbench.data.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class SharedSplitsTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @ParameterizedTest(name = "CI={0}")
    @NullSource
    @ValueSource(strings = {"", "false", "0"})
    void anAbsentFolderSkipsTheTestAndSaysWhyOffCi(String ci) {
        Path absent = dir.resolve("splits");

        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> SharedSplits.requireFolder(absent, ci, log));

        assertTrue(skipped.getMessage().contains(absent + " is absent"), skipped.getMessage());
        assertEquals("skipped: " + skipped.getMessage() + System.lineSeparator(),
                printed.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "CI={0}")
    @ValueSource(strings = {"true", "1", "yes"})
    void anAbsentFolderFailsTheTestOnCi(String ci) {
        Path absent = dir.resolve("splits");

        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> SharedSplits.requireFolder(absent, ci, log));

        assertTrue(failure.getMessage().contains(absent + " is absent"), failure.getMessage());
        assertTrue(failure.getMessage().contains("CI (set to " + ci + ")"), failure.getMessage());
    }

    @Test
    void aPresentFolderLetsTheTestRunOnAndOffCi() {
        SharedSplits.requireFolder(dir, null, log);
        SharedSplits.requireFolder(dir, "true", log);

        assertEquals("", printed.toString(StandardCharsets.UTF_8));
    }
}
