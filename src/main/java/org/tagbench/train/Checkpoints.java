package org.tagbench.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tagbench.engine.Network;
import org.tagbench.files.AtomicFile;
import org.tagbench.files.FileFailure;
import org.tagbench.model.ModelWeights;

/**
 * A run folder's training files: {@code checkpoint.zip} (the network with its optimizer state, and the
 * {@link TrainingState} as JSON) and {@code best-model.zip} (the best epoch's network). Each is replaced through
 * a temp file and a rename, so a crash at any moment leaves the previous whole file.
 */
public final class Checkpoints {
    /** The latest checkpoint's file name. */
    public static final String CHECKPOINT = "checkpoint.zip";
    /** The best model's file name. */
    public static final String BEST_MODEL = "best-model.zip";
    private static final String NETWORK_ENTRY = "network.zip";
    private static final String STATE_ENTRY = "state.json";
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final Path folder;

    /** The training files of the run folder {@code folder}. */
    public Checkpoints(Path folder) {
        this.folder = folder;
    }

    /** The run folder. */
    public Path folder() {
        return folder;
    }

    /** Replaces the checkpoint with {@code network} and {@code state}. */
    public void save(Network network, TrainingState state) {
        save(snapshot(network, state));
    }

    /** {@code network} (with its optimizer state) and {@code state} as they are now, to be saved later or never. */
    Snapshot snapshot(Network network, TrainingState state) {
        try {
            ByteArrayOutputStream model = new ByteArrayOutputStream();
            network.write(model, true);
            return new Snapshot(model, state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the checkpoint with {@code snapshot}. */
    void save(Snapshot snapshot) {
        try {
            AtomicFile.write(folder.resolve(CHECKPOINT), out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                // Stored, not deflated: the network entry is floats (inside DL4J's own zip, or PyTorch's file) that
                // deflate barely shrinks, and a checkpoint is rewritten after every epoch.
                zip.setLevel(Deflater.NO_COMPRESSION);
                zip.putNextEntry(new ZipEntry(NETWORK_ENTRY));
                snapshot.network().writeTo(zip);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(STATE_ENTRY));
                zip.write(JSON.writeValueAsBytes(snapshot.state()));
                zip.closeEntry();
                zip.finish();
            });
            LOG.debug("checkpoint at epoch {}, {} batches done, step {}: {}", snapshot.state().epoch(),
                    snapshot.state().batchesDone(), snapshot.state().globalStep(), folder.resolve(CHECKPOINT));
        } catch (IOException e) {
            throw new UncheckedIOException(FileFailure.naming(folder.resolve(CHECKPOINT), e));
        }
    }

    /**
     * The latest checkpoint of a network like {@code fresh} (same spec and input), if one was written; a file
     * that cannot be read back is an I/O error naming it.
     */
    public Optional<Resumed> latest(Network fresh) throws IOException {
        Path file = folder.resolve(CHECKPOINT);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Network network;
            try (InputStream in = zip.getInputStream(entry(zip, file, NETWORK_ENTRY))) {
                network = fresh.read(in);
            }
            try (InputStream in = zip.getInputStream(entry(zip, file, STATE_ENTRY))) {
                return Optional.of(new Resumed(network, JSON.readValue(in, TrainingState.class)));
            } catch (IOException | RuntimeException e) {
                network.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            // The engines' readers report a cut-off file in their own words, without its name.
            throw FileFailure.damaged(file, e);
        }
    }

    /** Replaces the best model with {@code network} (without optimizer state). */
    public void saveBest(Network network) {
        try {
            AtomicFile.write(folder.resolve(BEST_MODEL), out -> network.write(out, false));
            LOG.debug("best model: {}", folder.resolve(BEST_MODEL));
        } catch (IOException e) {
            throw new UncheckedIOException(FileFailure.naming(folder.resolve(BEST_MODEL), e));
        }
    }

    /** The weights of the best model of a network like {@code network}; an unreadable file is named. */
    public ModelWeights bestWeights(Network network) throws IOException {
        Path file = folder.resolve(BEST_MODEL);
        try (InputStream in = Files.newInputStream(file);
             Network best = network.read(in)) {
            return best.weights();
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw FileFailure.damaged(file, e);
        }
    }

    private static ZipEntry entry(ZipFile zip, Path file, String name) throws ZipException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new ZipException("no " + name + " in " + file.getFileName());
        }
        return entry;
    }

    /** A network and the training state it was saved with. */
    public record Resumed(Network network, TrainingState state) {
    }

    /** A network in its engine's format (with optimizer state) and the training state that goes with it. */
    record Snapshot(ByteArrayOutputStream network, TrainingState state) {
    }
}
