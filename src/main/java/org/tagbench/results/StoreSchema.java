package org.tagbench.results;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The store's schema, versioned by Flyway from the scripts in {@code db/results}. A current store (the common case)
 * is recognised with one query, without loading Flyway; any other is brought up by {@link SchemaUpgrade}.
 */
final class StoreSchema {
    private StoreSchema() {
    }

    /** Brings {@code store}'s schema to this tagbench's version; refuses a store from a newer tagbench. */
    static void migrate(ResultsStore store) {
        migrate(store, MigrationScripts.TAGBENCH);
    }

    /** Brings {@code store}'s schema to the version of the newest of {@code scripts}; refuses a newer store. */
    static void migrate(ResultsStore store, MigrationScripts scripts) {
        Optional<String> newest = Optional.of(scripts.newestVersion());
        Optional<String> applied = appliedVersion(store);
        if (!applied.equals(newest)) {
            SchemaUpgrade.bringUp(store, scripts, applied, newest);
        }
    }

    /**
     * The version of the store's newest successful migration, read with one query; "" after a failed migration, which
     * Flyway then sorts out; empty for a new store (no history table yet). A store that cannot be reached at all is
     * reported here.
     */
    static Optional<String> appliedVersion(ResultsStore store) {
        Connection connection;
        try {
            connection = DriverManager.getConnection(store.connectionUrl());
        } catch (SQLException e) {
            throw store.failure(e);
        }
        try (connection; Statement statement = connection.createStatement();
             ResultSet newest = statement.executeQuery("SELECT version, success FROM flyway_schema_history"
                     + " WHERE version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            return Optional.of(newest.next() && newest.getBoolean("success") ? newest.getString("version") : "");
        } catch (SQLException noHistoryYet) {
            return Optional.empty();
        }
    }
}
