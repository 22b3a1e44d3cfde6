package org.tagbench.files;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real file system of a few kilobytes for tests of a full disk: a tmpfs mounted on a folder, which needs root
 * (CI runs as root). Where it cannot be mounted the test is skipped, saying why, except under CI, where it fails.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path folder;

    private SmallDisk(Path folder) {
        this.folder = folder;
    }

    /** Mounts a tmpfs of {@code kilobytes} on {@code folder} (created if needed). */
    public static SmallDisk mount(Path folder, int kilobytes) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        String problem = run("mount", "-t", "tmpfs", "-o", "size=" + kilobytes + "k", "tmpfs", folder.toString());
        if (problem != null) {
            String why = "cannot mount a " + kilobytes + " kB tmpfs on " + folder + " to fill a disk (" + problem
                    + "; it needs root)";
            if (System.getenv("CI") != null) {
                fail(why);
            }
            System.err.println("skipped: " + why);
            Assumptions.abort(why);
        }
        return new SmallDisk(folder);
    }

    /** The folder the small file system is mounted on. */
    public Path folder() {
        return folder;
    }

    /** Makes it read-only, for root too (what is on it stays readable). */
    public void readOnly() throws IOException, InterruptedException {
        String problem = run("mount", "-o", "remount,ro", folder.toString());
        if (problem != null) {
            throw new IOException("cannot remount " + folder + " read-only: " + problem);
        }
    }

    /** Unmounts it, dropping what was written there. */
    @Override
    public void close() throws IOException, InterruptedException {
        String problem = run("umount", folder.toString());
        if (problem != null && problem.contains("busy")) {
            // A library that failed on the full disk may keep a file open there (Flyway's SQLite connection does).
            problem = run("umount", "-l", folder.toString());
        }
        if (problem != null) {
            throw new IOException("cannot unmount " + folder + ": " + problem);
        }
    }

    /** Runs a command; null when it succeeds, else what it printed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return command[0] + " did not finish in 30 s";
        }
        return process.exitValue() == 0 ? null : output.isEmpty() ? command[0] + " failed" : output;
    }
}
