package org.tagbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.ChildJvm;
import org.tagbench.cli.TagbenchCommand;

/**
 * A run on the pytorch engine in a child JVM with no network: inside a network namespace of its own where the
 * system allows one ({@code unshare --net}), and always with HTTP(S) proxies that refuse every connection, and
 * an empty cache folder, so libtorch can only come from the jar on the class path.
 */
class OfflineRunTest {

    @Test
    void aPyTorchRunNeedsNoNetwork(@TempDir Path dir) throws Exception {
        Path config = TinyRun.config(dir, "offline", 20, 3, "training: {engine: pytorch, batch_size: 4, max_epochs: 1}",
                "eval: {chunks: 1}", "pipeline: {pcm_cache: false}");
        List<String> command = new ArrayList<>();
        boolean isolated = canUnshareTheNetwork();
        if (isolated) {
            command.addAll(List.of("unshare", "--net"));
        }
        command.addAll(ChildJvm.command(List.of("-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9",
                "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9"), TagbenchCommand.class, "run",
                config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("TAGBENCH_CACHE", dir.resolve("cache").toString());
        env.remove("DJL_CACHE_DIR");
        env.remove("DJL_OFFLINE");
        Process run = builder.start();

        assertTrue(run.waitFor(5, TimeUnit.MINUTES), "the run did not finish within 5 minutes");
        String log = Files.readString(dir.resolve("run.log"), StandardCharsets.UTF_8);
        assertEquals(0, run.exitValue(),
                (isolated ? "in a network namespace without a network: " : "with refusing proxies: ") + log);
        assertTrue(log.contains("engine pytorch: libtorch 2.5.1"), log);
        assertTrue(log.contains("test ROC-AUC (macro)"), log);
        try (Stream<Path> files = Files.walk(dir.resolve("cache").resolve("djl"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().equals("libtorch_cpu.so")),
                    "libtorch was extracted from the jar into the run's own cache folder");
        }
    }

    private static boolean canUnshareTheNetwork() {
        try {
            Process probe = new ProcessBuilder("unshare", "--net", "true").redirectErrorStream(true).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
