package org.tagbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * scripts/train_twin.py (or another script of scripts/) run by Debian's /usr/bin/python3, which has the Python
 * packages it imports (python3-torch, -torchaudio, -numpy, -sklearn, -yaml). Where they are missing the calling test
 * is skipped, saying why, except under CI (set, and not empty, {@code false} or {@code 0}), where it fails: CI must
 * install them. The scripts of one test JVM run one after another in one Python process,
 * scripts/test-jvm/script_host.py, which imports torch once for all of them.
 */
public final class TwinScript {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("scripts", "train_twin.py");
    private static final Path HOST = Path.of("scripts", "test-jvm", "script_host.py");
    private static final long MINUTES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ScriptHost host;

    private TwinScript() {
    }

    /** The script's standard output for {@code args}; fails the test with its standard error if it exits non-zero. */
    static String run(String... args) {
        return run(SCRIPT, args);
    }

    /**
     * {@code script}'s standard output for {@code args}; fails the test with its standard error if it exits non-zero.
     */
    public static synchronized String run(Path script, String... args) {
        if (host == null) {
            host = ScriptHost.start();
        }
        requirePython(host.why);
        ObjectNode request = JSON.createObjectNode().put("script", script.toString());
        ArrayNode list = request.putArray("args");
        for (String arg : args) {
            list.add(arg);
        }
        JsonNode answer;
        try {
            answer = host.ask(request);
        } catch (IOException | RuntimeException e) {
            ScriptHost failed = host;
            host = null;
            failed.stop();
            throw new AssertionError(script + " " + String.join(" ", args) + ": " + e.getMessage() + "; "
                    + failed.said(), e);
        }
        assertEquals(0, answer.get("code").asInt(), script + " " + String.join(" ", args) + ": "
                + answer.get("err").asText());
        return answer.get("out").asText();
    }

    private static void requirePython(Optional<String> why) {
        if (why.isEmpty()) {
            return;
        }
        String ci = System.getenv("CI");
        if (ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false") && !ci.equals("0")) {
            fail(why.get() + " (CI is set to " + ci + ", where Debian's python3-torch, python3-torchaudio, "
                    + "python3-numpy, python3-sklearn and python3-yaml must be installed)");
        }
        System.err.println("skipped: " + why.get());
        Assumptions.abort(why.get());
    }

    /**
     * The Python process of this test JVM's scripts and why it cannot run them, if it cannot: its first answer, once
     * it has imported the scripts' packages.
     */
    private static final class ScriptHost {
        private final Process process;
        private final BufferedWriter requests;
        private final BufferedReader answers;
        private final Path log;
        private final Optional<String> why;

        private ScriptHost(Process process, Path log, Optional<String> why) {
            this.process = process;
            this.requests = process == null ? null : new BufferedWriter(new OutputStreamWriter(
                    process.getOutputStream(), StandardCharsets.UTF_8));
            this.answers = process == null ? null : new BufferedReader(new InputStreamReader(
                    process.getInputStream(), StandardCharsets.UTF_8));
            this.log = log;
            this.why = why;
        }

        static ScriptHost start() {
            try {
                Path log = Files.createTempFile("script-host", ".err");
                Process process = new ProcessBuilder(PYTHON, HOST.toString()).redirectError(log.toFile()).start();
                ScriptHost started = new ScriptHost(process, log, Optional.empty());
                JsonNode ready = started.answer();
                if (ready.get("ready").asBoolean()) {
                    return started;
                }
                started.stop();
                return new ScriptHost(null, log, Optional.of(PYTHON + " cannot import train_twin.py's packages ("
                        + ready.get("why").asText() + ")"));
            } catch (IOException e) {
                return new ScriptHost(null, null, Optional.of(PYTHON + " cannot be started (" + e.getMessage()
                        + ")"));
            }
        }

        /** The answer to {@code request}, within {@value #MINUTES} minutes. */
        JsonNode ask(JsonNode request) throws IOException {
            requests.write(JSON.writeValueAsString(request));
            requests.newLine();
            requests.flush();
            return answer();
        }

        private JsonNode answer() throws IOException {
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return answers.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try {
                String text = line.get(MINUTES, TimeUnit.MINUTES);
                if (text == null) {
                    throw new IOException(HOST + " ended");
                }
                return JSON.readTree(text);
            } catch (TimeoutException e) {
                throw new IOException(HOST + " did not answer within " + MINUTES + " minutes", e);
            } catch (ExecutionException e) {
                throw new IOException(HOST + " could not be read", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** What the host itself printed on stderr. */
        String said() {
            try {
                return log == null ? "" : Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(" + log + " unreadable: " + e.getMessage() + ")";
            }
        }

        void stop() {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }
}
