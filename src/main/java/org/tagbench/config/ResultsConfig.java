package org.tagbench.config;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where runs are recorded: run folders under {@code dir} (default {@code results}, relative to the working directory)
 * and the results store at the JDBC {@code url} (default: the SQLite file {@code tagbench.db} in {@code dir}); a
 * live run updates its heartbeat in the store every {@code heartbeat_seconds} (default 30).
 */
public record ResultsConfig(Path dir, String url, int heartbeatSeconds) {
    /** The default store's file name in {@code dir}. */
    public static final String STORE_FILE = "tagbench.db";
    private static final String SQLITE = "jdbc:sqlite:";
    private static final String POSTGRESQL = "jdbc:postgresql:";

    /**
     * Requires a store URL of a database tagbench writes, without a password (the URL is saved with every run), and a
     * positive heartbeat.
     */
    public ResultsConfig {
        if (url != null && !url.startsWith(SQLITE) && !url.startsWith(POSTGRESQL)) {
            throw new ConfigException("url", Require.quoted(url) + " is not a results store URL (expected "
                    + SQLITE + "FILE or " + POSTGRESQL + "//HOST[:PORT]/DATABASE)");
        }
        if (url != null && url.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new ConfigException("url", "holds a password, which would be saved with every run (expected it in"
                    + " ~/.pgpass instead)");
        }
        Require.positive("heartbeat_seconds", heartbeatSeconds);
    }

    /** The store's JDBC URL: {@code url}, or the SQLite file {@code tagbench.db} in {@code dir}. */
    public String storeUrl() {
        return url != null ? url : SQLITE + dir.resolve(STORE_FILE);
    }
}
