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
        if (url != null) {
            checkUrl("url", url);
        }
        Require.positive("heartbeat_seconds", heartbeatSeconds);
    }

    /** Refuses (naming {@code key}) a URL that is not a results store's or that holds a password; returns it. */
    public static String checkUrl(String key, String url) {
        if (!url.startsWith(SQLITE) && !url.startsWith(POSTGRESQL)) {
            throw new ConfigException(key, Require.quoted(url) + " is not a results store URL (expected "
                    + SQLITE + "FILE or " + POSTGRESQL + "//HOST[:PORT]/DATABASE)");
        }
        if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new ConfigException(key, "holds a password, which would be saved with every run (expected it in"
                    + " ~/.pgpass instead)");
        }
        return url;
    }

    /** The store's JDBC URL: {@code url}, or the SQLite file {@code tagbench.db} in {@code dir}. */
    public String storeUrl() {
        return url != null ? url : SQLITE + dir.resolve(STORE_FILE);
    }
}
