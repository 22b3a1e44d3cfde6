package org.tagbench.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.ChildJvm;

/**
 * Files written through a temp file: with the permissions of any new file in their folder, forced to disk around
 * the rename (seen in the system calls of a writer process), and with a killed writer's temp file removed by the
 * next write in the folder while a live writer's is kept.
 */
class AtomicFileTest {
    private static final Pattern TEMP = Pattern.compile("\\.checkpoint\\.zip\\.tagbench-[0-9a-f]{16}\\.tmp");

    private static final FileTime LONG_AGO = FileTime.from(Instant.now().minus(Duration.ofMinutes(10)));

    @TempDir
    Path dir;

    @Test
    void aWrittenFileHasThePermissionsOfAPlainNewFileInItsFolder() throws IOException {
        Path written = dir.resolve("run.json");
        AtomicFile.write(written, out -> out.write('a'));
        Path replaced = dir.resolve("checkpoint.zip");
        Files.writeString(replaced, "old");
        Files.setPosixFilePermissions(replaced, PosixFilePermissions.fromString("rw-------"));
        AtomicFile.write(replaced, out -> out.write('b'));
        Path plain = Files.createFile(dir.resolve("plain"));

        String expected = PosixFilePermissions.toString(Files.getPosixFilePermissions(plain));
        assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(written)));
        assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(replaced)));
        assertEquals("b", Files.readString(replaced));
    }

    @Test
    void aKilledWritersTempFileGoesAtTheNextWriteInItsFolderWhileALiveWritersStays() throws Exception {
        Process writer = process("hold", dir.resolve("checkpoint.zip")).start();
        Path live;
        try {
            assertEquals("writing", writer.inputReader().readLine(), "the writer process started its write");
            live = onlyTemp();
            Files.setLastModifiedTime(live, LONG_AGO);

            AtomicFile.write(dir.resolve("best-model.zip"), out -> out.write(1));
            assertTrue(Files.exists(live), "a live writer's temp file stays, however long untouched");
        } finally {
            writer.destroyForcibly().waitFor();
        }
        Path fresh = Files.createFile(dir.resolve(".run.json.tagbench-0123456789abcdef.tmp"));
        Path foreign = Files.createFile(dir.resolve(".notes.txt.tmp"));
        Files.setLastModifiedTime(foreign, LONG_AGO);
        AtomicFile.write(dir.resolve("best-model.zip"), out -> out.write(2));

        assertFalse(Files.exists(live), "a killed writer's temp file is removed");
        assertEquals(Set.of("best-model.zip", "writer.log", fresh.getFileName().toString(), ".notes.txt.tmp"),
                names(), "a temp file touched within the minute and files of other programs stay");
    }

    @Test
    void theTempFileReachesTheDiskBeforeTheRenameAndTheFolderAfterIt() throws Exception {
        Assumptions.assumeTrue(straceRuns(), "strace is not installed or may not trace here: the system calls of"
                + " a write cannot be watched");
        Path file = dir.resolve("checkpoint.zip");
        // One trace file per thread (-ff): with -f the JVM's other threads split a call across two lines.
        Path trace = Files.createDirectory(dir.resolve("trace")).resolve("strace");
        List<String> command = new ArrayList<>(List.of("strace", "-ff", "-qq", "-o", trace.toString(),
                "-e", "trace=openat,fsync,fdatasync,rename,renameat,renameat2"));
        command.addAll(process("finish", file).command());
        assertEquals(0, new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("writer.log").toFile()).start().waitFor());
        List<String> calls = writerThreadCalls(trace.getParent());

        int openTemp = indexOf(calls, "openat\\(AT_FDCWD, \"" + Pattern.quote(dir + "/") + TEMP.pattern()
                + "\", O_WRONLY\\|O_CREAT\\|O_EXCL.*\\) = (\\d+)", 0);
        String tempFd = fd(calls.get(openTemp));
        int rename = indexOf(calls, "rename(at2?)?\\(.*\"" + Pattern.quote(dir + "/") + TEMP.pattern() + "\", .*\""
                + Pattern.quote(file.toString()) + "\".*\\) = 0", openTemp);
        int syncTemp = indexOf(calls, "fsync\\(" + tempFd + "\\) += 0", openTemp);
        int openFolder = indexOf(calls, "openat\\(AT_FDCWD, \"" + Pattern.quote(dir.toString())
                + "\", O_RDONLY.*\\) = (\\d+)", rename);
        int syncFolder = indexOf(calls, "fsync\\(" + fd(calls.get(openFolder)) + "\\) += 0", openFolder);

        assertTrue(syncTemp < rename, "the temp file is forced before the rename:\n" + String.join("\n", calls));
        assertTrue(rename < syncFolder, "the folder is forced after the rename");
        assertEquals("first part\nsecond part\n", Files.readString(file));
    }

    /** This JVM running {@link AtomicWriteProcess} with {@code mode} and {@code file}, its output in writer.log. */
    private ProcessBuilder process(String mode, Path file) {
        return new ProcessBuilder(ChildJvm.command(AtomicWriteProcess.class, mode, file.toString()))
                .redirectError(dir.resolve("writer.log").toFile());
    }

    /** The traced calls of the one thread that opened the temp file: the write happens on a single thread. */
    private static List<String> writerThreadCalls(Path traceFolder) throws IOException {
        List<List<String>> writers = new ArrayList<>();
        try (Stream<Path> files = Files.list(traceFolder)) {
            for (Path threadTrace : files.toList()) {
                List<String> calls = Files.readAllLines(threadTrace);
                if (calls.stream().anyMatch(call -> TEMP.matcher(call).find() && call.startsWith("openat"))) {
                    writers.add(calls);
                }
            }
        }
        assertEquals(1, writers.size(), "one thread opens the temp file");
        return writers.get(0);
    }

    private static boolean straceRuns() {
        try {
            return new ProcessBuilder("strace", "-o", "/dev/null", "true").start().waitFor() == 0;
        } catch (IOException noStrace) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The index of the first of {@code lines} from {@code from} on that matches {@code regex}. */
    private static int indexOf(List<String> lines, String regex, int from) {
        Pattern pattern = Pattern.compile(".*" + regex);
        for (int i = from; i < lines.size(); i++) {
            if (pattern.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        throw new AssertionError("no system call like " + regex + " after line " + from + " of:\n"
                + String.join("\n", lines));
    }

    private static String fd(String openCall) {
        Matcher result = Pattern.compile("= (\\d+)$").matcher(openCall);
        assertTrue(result.find(), openCall);
        return result.group(1);
    }

    private Path onlyTemp() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> temps = files.filter(f -> TEMP.matcher(f.getFileName().toString()).matches()).toList();
            assertEquals(1, temps.size(), "one temp file: " + temps);
            return temps.get(0);
        }
    }

    private Set<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
