package org.tagbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * scripts/train_twin.py (or another script of scripts/) run by Debian's /usr/bin/python3, which has the Python
 * packages it imports (python3-torch, -torchaudio, -numpy, -sklearn, -yaml). Where they are missing the calling test
 * is skipped, saying why, except under CI (set, and not empty, {@code false} or {@code 0}), where it fails: CI must
 * install them.
 */
public final class TwinScript {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("scripts", "train_twin.py");
    private static final long MINUTES = 5;

    private TwinScript() {
    }

    /** The script's standard output for {@code args}; fails the test with its standard error if it exits non-zero. */
    static String run(String... args) {
        return run(SCRIPT, args);
    }

    /**
     * {@code script}'s standard output for {@code args}; fails the test with its standard error if it exits non-zero.
     */
    public static String run(Path script, String... args) {
        requirePython();
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        try {
            Path err = Files.createTempFile("script", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
                process.getOutputStream().close();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(process.waitFor(MINUTES, TimeUnit.MINUTES), script + " did not end within "
                        + MINUTES + " minutes");
                assertEquals(0, process.exitValue(), script + " " + String.join(" ", args) + ": "
                        + Files.readString(err, StandardCharsets.UTF_8));
                return out;
            } finally {
                Files.delete(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void requirePython() {
        if (MissingPackages.WHY.isEmpty()) {
            return;
        }
        String why = MissingPackages.WHY.get();
        String ci = System.getenv("CI");
        if (ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false") && !ci.equals("0")) {
            fail(why + " (CI is set to " + ci + ", where Debian's python3-torch, python3-torchaudio, python3-numpy, "
                    + "python3-sklearn and python3-yaml must be installed)");
        }
        System.err.println("skipped: " + why);
        Assumptions.abort(why);
    }

    /**
     * Why /usr/bin/python3 cannot run the scripts, if it cannot: probed once per test JVM, since importing torch takes
     * 2-4 s and the suite runs the scripts over twenty times.
     */
    private static final class MissingPackages {
        static final Optional<String> WHY = probe();

        private static Optional<String> probe() {
            try {
                Process probe = new ProcessBuilder(PYTHON, "-c", "import torch, torchaudio, numpy, sklearn, yaml")
                        .redirectErrorStream(true).start();
                String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (probe.waitFor(MINUTES, TimeUnit.MINUTES) && probe.exitValue() == 0) {
                    return Optional.empty();
                }
                String[] lines = said.split("\n");
                return Optional.of(PYTHON + " cannot import train_twin.py's packages (" + lines[lines.length - 1]
                        + ")");
            } catch (IOException e) {
                return Optional.of(PYTHON + " cannot be started (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
