package org.tagbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.audio.AudioException;

class DecodeBenchmarkTest {
    @TempDir
    Path dir;

    private static Path fixture(String name) throws Exception {
        return Path.of(DecodeBenchmarkTest.class.getResource("/audio/" + name).toURI());
    }

    @Test
    void decodesEveryFileOnOneThreadAndOnAllCores() throws Exception {
        StringWriter printed = new StringWriter();
        new DecodeBenchmark(List.of(fixture("sine440.mp3"), fixture("sine440.flac"), fixture("sine440.ogg")), 12000)
                .run(new PrintWriter(printed));
        List<String> lines = printed.toString().lines().toList();
        assertEquals(2, lines.size(), printed.toString());
        assertTrue(lines.get(0).matches("decode \\+ resample, 1 thread +\\d+\\.\\d clips/s  \\(3 clips in .*"),
                lines.get(0));
        assertTrue(lines.get(1).matches("decode \\+ resample, " + Runtime.getRuntime().availableProcessors()
                + " threads +\\d+\\.\\d clips/s  \\(3 clips in .*"), lines.get(1));
    }

    @Test
    void anUnreadableFileStopsItWithTheDecodersLineNamingTheFile() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.wav"), "not audio at all");
        StringWriter printed = new StringWriter();
        AudioException e = assertThrows(AudioException.class, () -> new DecodeBenchmark(
                List.of(fixture("sine440.mp3"), text), 12000).run(new PrintWriter(printed)));
        assertEquals(text + ": not a readable audio file (Invalid data found when processing input)", e.getMessage());
        assertEquals("", printed.toString(), "no figure for a pass that did not finish");
    }
}
