package org.tagbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The process's peak resident set (Linux's VmHWM): the whole JVM with its native libraries and off-heap buffers,
 * which is what a network's training costs in memory.
 */
public final class PeakResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakResidentMemory() {
    }

    /** This process's peak so far in bytes, or empty where the system does not tell it (not Linux). */
    public static OptionalLong ofThisProcess() {
        try {
            return fromStatus(Files.readAllLines(STATUS));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The peak in bytes that the lines of a {@code /proc/PID/status} file give (VmHWM, in kB), if any. */
    static OptionalLong fromStatus(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("VmHWM:")) {
                return OptionalLong.of(1024 * Long.parseLong(line.replaceAll("[^0-9]", "")));
            }
        }
        return OptionalLong.empty();
    }
}
