package org.tagbench.results;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway's part of {@link StoreSchema}, in a class of its own so that a current store never loads Flyway: a new store
 * is created, a store made by an older tagbench is migrated in place (an SQLite file after a copy of it is made beside
 * it), and a store made by a newer tagbench is refused, since this one would not know its tables.
 */
final class SchemaUpgrade {
    private static final DateTimeFormatter BACKUP_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Logger LOG = LoggerFactory.getLogger(SchemaUpgrade.class);

    private SchemaUpgrade() {
    }

    /**
     * Brings {@code store}, found at version {@code applied} (empty: new), to {@code newest}, the schema of
     * {@code scripts}; refuses a newer store.
     */
    static void bringUp(ResultsStore store, MigrationScripts scripts, Optional<String> applied,
                        Optional<String> newest) {
        try {
            Flyway flyway = Flyway.configure(SchemaUpgrade.class.getClassLoader())
                    .dataSource(store.connectionUrl(), null, null)
                    .resourceProvider(scripts)
                    .javaMigrationClassProvider(List::of)
                    .placeholders(Map.of("generated_id", store.database().generatedId()))
                    .load();
            Optional<Path> file = store.database().file(store.url());
            if (file.isEmpty()) {
                // PostgreSQL: Flyway holds an advisory lock while it migrates.
                bringUp(store, flyway, applied, newest, Optional.empty());
                return;
            }
            // Two processes opening a new SQLite store at once would both create its tables: one waits here.
            Path lockFile = file.get().resolveSibling(file.get().getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                // Looked at under the lock: another process may have made or migrated the store meanwhile.
                bringUp(store, flyway, StoreSchema.appliedVersion(store), newest, file);
            }
        } catch (FlywayException | IOException | SQLException e) {
            throw store.failure(e);
        }
    }

    /**
     * Migrates a store at version {@code applied} to {@code newest}: a new store directly (nothing to back up and
     * nothing newer to refuse, so Flyway's own look at it is skipped), an older one after a copy of its {@code file}.
     */
    private static void bringUp(ResultsStore store, Flyway flyway, Optional<String> applied, Optional<String> newest,
                                Optional<Path> file) throws SQLException {
        if (applied.equals(newest)) {
            return;
        }
        if (applied.isEmpty()) {
            flyway.migrate();
            return;
        }
        Optional<String> from = pending(store, flyway);
        if (from.isPresent()) {
            if (!from.get().isEmpty() && file.isPresent()) {
                backUp(store, file.get(), from.get());
            }
            flyway.migrate();
        }
    }

    /**
     * Empty when the schema is current; else the version the store is at ("" for a new store). A newer store is
     * refused.
     */
    private static Optional<String> pending(ResultsStore store, Flyway flyway) {
        MigrationInfoService info = flyway.info();
        MigrationInfo[] all = info.all();
        Optional<MigrationInfo> future = Arrays.stream(all)
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .reduce((first, second) -> second);
        if (future.isPresent()) {
            String known = Arrays.stream(all).filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS
                            && m.getState() != MigrationState.FUTURE_FAILED && m.getVersion() != null)
                    .map(m -> m.getVersion().getVersion()).reduce((first, second) -> second).orElse("none");
            throw new StoreException(store.url(), "made by a newer tagbench (its schema is at version "
                    + future.get().getVersion().getVersion() + ", this tagbench knows versions up to " + known
                    + "); use that tagbench or a newer one", null);
        }
        if (info.pending().length == 0) {
            return Optional.empty();
        }
        MigrationInfo current = info.current();
        return Optional.of(current == null || current.getVersion() == null ? "" : current.getVersion().getVersion());
    }

    /** A consistent copy of the SQLite store (its WAL included) beside it, named after the version it holds. */
    private static void backUp(ResultsStore store, Path file, String version) throws SQLException {
        Path copy = file.resolveSibling(file.getFileName() + ".v" + version + "-"
                + BACKUP_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + ".bak");
        try (Connection connection = DriverManager.getConnection(store.connectionUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("VACUUM INTO '" + copy.toString().replace("'", "''") + "'");
        }
        LOG.info("results store {}: backed up to {} before migrating it from schema version {}", store.url(), copy,
                version);
    }
}
