package org.tagbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.config.EngineName;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.engine.Engine;
import org.tagbench.engine.Network;
import org.tagbench.files.SmallDisk;
import org.tagbench.model.Architecture;
import org.tagbench.model.WidthSolver;

/**
 * A run folder's training files that cannot be written (a full disk) or read back (cut off) are named in the
 * error, on both engines: Java's and the engines' own messages do not name them.
 */
class CheckpointsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(EngineName.class)
    void aCutOffCheckpointOrBestModelIsNamedAsDamaged(EngineName engine) throws IOException {
        Checkpoints checkpoints = new Checkpoints(dir);
        try (Network network = tinyNetwork(engine)) {
            checkpoints.save(network, TrainingState.start(new LearningRate("adam", 1e-3, 0, 0), Instant.now()));
            checkpoints.saveBest(network);
            Path checkpoint = cutInHalf(dir.resolve(Checkpoints.CHECKPOINT));
            Path best = cutInHalf(dir.resolve(Checkpoints.BEST_MODEL));

            FileSystemException resumed = assertThrows(FileSystemException.class, () -> checkpoints.latest(network));
            FileSystemException reloaded = assertThrows(FileSystemException.class,
                    () -> checkpoints.bestWeights(network));

            assertEquals(checkpoint.toString(), resumed.getFile());
            assertTrue(resumed.getMessage().startsWith(checkpoint + ": damaged or truncated ("), resumed.getMessage());
            assertEquals(best.toString(), reloaded.getFile());
            assertTrue(reloaded.getMessage().startsWith(best + ": damaged or truncated ("), reloaded.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineName.class)
    void aFullDiskNamesTheFileItCouldNotWrite(EngineName engine) throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("small"), 8);
             Network network = tinyNetwork(engine)) {
            Checkpoints checkpoints = new Checkpoints(disk.folder());

            UncheckedIOException checkpoint = assertThrows(UncheckedIOException.class, () -> checkpoints.save(network,
                    TrainingState.start(new LearningRate("adam", 1e-3, 0, 0), Instant.now())));
            UncheckedIOException best = assertThrows(UncheckedIOException.class, () -> checkpoints.saveBest(network));

            assertEquals(disk.folder().resolve(Checkpoints.CHECKPOINT) + ": No space left on device",
                    checkpoint.getCause().getMessage());
            assertEquals(disk.folder().resolve(Checkpoints.BEST_MODEL) + ": No space left on device",
                    best.getCause().getMessage());
            try (var left = Files.list(disk.folder())) {
                assertEquals(List.of(), left.toList(), "no half-written file is left");
            }
        }
    }

    /** A 5k-parameter k2c2 on 40 x 32 log-mel with 5 tags: its files are tens of kilobytes. */
    private static Network tinyNetwork(EngineName engine) {
        return Engine.named(engine).build(WidthSolver.solve(Architecture.K2C2, 5_000, 40, 32, 5),
                OptimizerConfig.adam(1e-3), TrainingConventions.DL4J, 1);
    }

    private static Path cutInHalf(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    }
}
