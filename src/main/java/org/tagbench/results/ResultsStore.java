package org.tagbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ResultsConfig;

/**
 * The results store: a database reached by JDBC (an SQLite file by default, PostgreSQL by URL) holding every run,
 * its epochs, per-tag metrics and artifacts. Opening it migrates its schema to this tagbench's and checks that it can
 * be written; every change is one transaction on a connection of its own, so that threads and processes write
 * side by side.
 */
public final class ResultsStore {
    /** Free bytes below which an SQLite failure is reported as a full disk. */
    private static final long NEARLY_FULL_BYTES = 256 * 1024;
    private static final Pattern USER_PARAMETER = Pattern.compile("[?&]user=", Pattern.CASE_INSENSITIVE);
    private final String url;
    private final Database database;
    private final String connectionUrl;

    private ResultsStore(String url, Database database) {
        this.url = url;
        this.database = database;
        this.connectionUrl = database.connectionUrl(url);
    }

    /**
     * The store at {@code url}, created if it is a new SQLite file (its folder too), migrated, and checked writable
     * before anything is trained into it.
     */
    public static ResultsStore open(String url) throws IOException {
        ResultsStore store = at(url);
        Optional<Path> file = store.database.file(url);
        if (file.isPresent() && file.get().toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.get().toAbsolutePath().getParent());
        }
        StoreSchema.migrate(store);
        store.transaction(c -> {
            try (Statement probe = c.createStatement()) {
                probe.executeUpdate("UPDATE runs SET status = status WHERE id < 0");
            }
            return null;
        });
        return store;
    }

    /** The store at {@code url}, which must exist (an SQLite file that a run or an import made), migrated. */
    public static ResultsStore existing(String url) {
        ResultsStore store = at(url);
        Optional<Path> file = store.database.file(url);
        if (file.isPresent() && !Files.isRegularFile(file.get())) {
            throw new StoreException(url, "no such file (expected the store that `tagbench run` writes, "
                    + "results/" + ResultsConfig.STORE_FILE + " by default, or --url)", null);
        }
        StoreSchema.migrate(store);
        return store;
    }

    /**
     * The store at {@code url} as {@link #existing} opens it, or empty when it is an SQLite file that does not exist
     * yet (for commands that only look, such as {@code sweep --dry-run}).
     */
    public static Optional<ResultsStore> ifExists(String url) {
        Optional<Path> file = at(url).database.file(url);
        return file.isPresent() && !Files.exists(file.get()) ? Optional.empty() : Optional.of(existing(url));
    }

    /** The store at {@code url}, neither opened nor migrated (StoreSchemaTest migrates it with other scripts). */
    static ResultsStore at(String url) {
        Database database = Database.of(url).orElseThrow(() -> new ConfigException("results.url", url
                + " is not a results store URL"));
        if (database == Database.SQLITE) {
            SqliteLibrary.useCachedCopy();
        }
        return new ResultsStore(url, database);
    }

    /** The store's URL as given. */
    public String url() {
        return url;
    }

    Database database() {
        return database;
    }

    String connectionUrl() {
        return connectionUrl;
    }

    /** SQL for the database's clock in milliseconds since 1970. */
    String now() {
        return database.nowMillis();
    }

    /** Work on one connection inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction, committed whole or rolled back whole. */
    <T> T transaction(Work<T> work) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                T result = work.on(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * {@code e} as a one-line failure naming this store. SQLite reports a full disk under many names (a disk I/O
     * error when its shared-memory file cannot grow), so an SQLite failure on a folder left with almost no space
     * says that first.
     */
    StoreException failure(Throwable e) {
        if (e instanceof StoreException known) {
            return known;
        }
        Optional<Path> folder = database.file(url).map(f -> f.toAbsolutePath().getParent());
        try {
            if (folder.isPresent() && Files.getFileStore(folder.get()).getUsableSpace() < NEARLY_FULL_BYTES) {
                return new StoreException(url, "no space left on device (" + StoreException.of(url, e).reason()
                        + ")", e);
            }
        } catch (IOException unknownSpace) {
            e.addSuppressed(unknownSpace);
        }
        StoreException plain = StoreException.of(url, e);
        if (database == Database.POSTGRESQL && plain.reason().toLowerCase(Locale.ROOT).contains("password")) {
            return new StoreException(url, plain.reason() + loginHint(), e);
        }
        return plain;
    }

    /**
     * What a PostgreSQL login failure leaves unsaid: without {@code user=} in the URL the driver logs in as the
     * system user (and looks for that user's password), and the password comes from a file, not the URL.
     */
    private String loginHint() {
        String where = "the password in ~/.pgpass, or in the file PGPASSFILE names, as a line"
                + " HOST:PORT:DATABASE:USER:PASSWORD";
        if (!USER_PARAMETER.matcher(url).find()) {
            return " (the URL names no user, so the driver logged in as the system user "
                    + System.getProperty("user.name") + "; expected ?user=NAME in the URL and " + where + ")";
        }
        return " (expected " + where + ")";
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(connectionUrl);
    }
}
