package org.tagbench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.files.FileFailure;
import org.tagbench.train.Checkpoints;

/**
 * Loads finished run folders ({@code run.json} and {@code config.json}) into a store, for runs made before the store
 * or recorded in another. Importing is idempotent: a run is known by its folder's {@code run.uid}, or, for a folder
 * without one, by a uid derived from its name and start, so a second import of the same folder adds nothing.
 */
public final class RunImport {
    private final ResultsStore store;

    /** Imports into {@code store}. */
    public RunImport(ResultsStore store) {
        this.store = store;
    }

    /** What became of one folder: the run's id (new or already there), or why it was skipped. */
    public record Outcome(Path folder, Optional<Long> id, boolean added, String note) {
    }

    /** Imports each of {@code folders}; one outcome each, in order. */
    public List<Outcome> importAll(List<Path> folders) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Path folder : folders) {
            outcomes.add(importOne(folder));
        }
        return outcomes;
    }

    private Outcome importOne(Path folder) throws IOException {
        Path recordFile = folder.resolve(RunRecordFile.FILE_NAME);
        Path configFile = folder.resolve("config.json");
        if (!Files.isRegularFile(recordFile) || !Files.isRegularFile(configFile)) {
            return new Outcome(folder, Optional.empty(), false, "not a finished run folder (no "
                    + RunRecordFile.FILE_NAME + " or config.json)");
        }
        RunRecord record;
        try {
            record = RunRecordFile.read(recordFile);
        } catch (IOException e) {
            throw FileFailure.damaged(recordFile, e);
        }
        ExperimentConfig config = ConfigLoader.loadSaved(configFile);
        String uid = RunLog.uid(folder).orElseGet(() -> UUID.nameUUIDFromBytes((record.id() + "@"
                + record.provenance().started()).getBytes(StandardCharsets.UTF_8)).toString());
        Provenance p = record.provenance();
        RunStart start = new RunStart(uid, record.id(), folder, config, p.tagbenchVersion(), p.gitCommit(),
                p.dependencies(), p.javaVersion(), p.os(), p.host() != null ? p.host() : Host.name(), p.started());
        List<Artifact> artifacts = new ArrayList<>();
        for (String[] file : new String[][] {{Checkpoints.CHECKPOINT, "checkpoint"},
                {Checkpoints.BEST_MODEL, "best_model"}}) {
            if (Files.isRegularFile(folder.resolve(file[0]))) {
                artifacts.add(Artifact.of(folder, file[0], file[1]));
            }
        }
        return store.transaction(c -> {
            try (PreparedStatement find = c.prepareStatement("SELECT id FROM runs WHERE uid = ?")) {
                find.setString(1, uid);
                try (ResultSet found = find.executeQuery()) {
                    if (found.next()) {
                        return new Outcome(folder, Optional.of(found.getLong(1)), false, "already in the store");
                    }
                }
            }
            long id = RunRows.insert(c, store.now(), start, RunRows.RUNNING, config.results().heartbeatSeconds());
            RunRows.finished(c, id, record, artifacts);
            return new Outcome(folder, Optional.of(id), true, "imported");
        });
    }
}
