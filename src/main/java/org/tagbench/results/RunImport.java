package org.tagbench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * or recorded in another: the record's rows, and the files it lists (score files included) with their size and
 * SHA-256, as a live run registers them. Importing is idempotent: a run is known by its folder's {@code run.uid},
 * or, for a folder without one, by a uid derived from its name and start, so a second import of the same folder adds
 * nothing.
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
        // Checked before the files are hashed (a known run costs no reading), and again in the transaction.
        Optional<Long> before = store.transaction(c -> RunRows.byUid(c, uid));
        if (before.isPresent()) {
            return new Outcome(folder, before, false, "already in the store");
        }
        List<String> problems = new ArrayList<>();
        List<Artifact> artifacts = artifacts(folder, record, problems);
        String note = problems.isEmpty() ? "imported" : "imported; " + String.join("; ", problems);
        return store.transaction(c -> {
            Optional<Long> meanwhile = RunRows.byUid(c, uid);
            if (meanwhile.isPresent()) {
                return new Outcome(folder, meanwhile, false, "already in the store");
            }
            long id = RunRows.insert(c, store.now(), start, RunRows.RUNNING, config.results().heartbeatSeconds());
            RunRows.finished(c, id, record, artifacts);
            return new Outcome(folder, Optional.of(id), true, note);
        });
    }

    /**
     * The files the record lists (score files, best model, checkpoint), as a live run registers them: with the size
     * and SHA-256 they have now. A record made before runs listed their files gives the best model and checkpoint
     * found in the folder. A listed file that is gone is left out, and one that changed since the record is
     * registered as it is now; {@code problems} names each.
     */
    private static List<Artifact> artifacts(Path folder, RunRecord record, List<String> problems) throws IOException {
        List<Artifact> found = new ArrayList<>();
        if (record.artifacts().isEmpty()) {
            for (String[] file : new String[][] {{Checkpoints.BEST_MODEL, Artifact.BEST_MODEL},
                    {Checkpoints.CHECKPOINT, Artifact.CHECKPOINT}}) {
                if (Files.isRegularFile(folder.resolve(file[0]))) {
                    found.add(Artifact.of(folder, file[0], file[1]));
                }
            }
            return found;
        }
        for (Artifact artifact : record.artifacts()) {
            if (!Files.isRegularFile(folder.resolve(artifact.path()))) {
                problems.add(artifact.path() + " is missing");
                continue;
            }
            Artifact now = Artifact.of(folder, artifact.path(), artifact.kind());
            if (!now.sha256().equals(artifact.sha256())) {
                problems.add(artifact.path() + " changed since " + RunRecordFile.FILE_NAME);
            }
            found.add(now);
        }
        return found;
    }
}
