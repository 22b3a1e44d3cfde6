package org.tagbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The throwaway PostgreSQL server really serves SQL, two of them run side by side, and closing one drops it. */
class PostgresServerTest {
    @RegisterExtension
    static final PostgresServer FIRST = new PostgresServer();
    @RegisterExtension
    static final PostgresServer SECOND = new PostgresServer();

    @Test
    void aTableWrittenOverJdbcIsReadBack() throws SQLException {
        try (Connection connection = DriverManager.getConnection(FIRST.url())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                        + " auc DOUBLE PRECISION)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tags VALUES (?, ?, ?)")) {
                insert.setInt(1, 1);
                insert.setString(2, "rock");
                insert.setDouble(3, 0.875);
                insert.executeUpdate();
                insert.setInt(1, 2);
                insert.setString(2, "jazz");
                insert.setDouble(3, 0.625);
                insert.executeUpdate();
            }
            assertEquals(List.of("1 rock 0.875", "2 jazz 0.625"), rows(connection, "SELECT * FROM tags ORDER BY id"));
            assertEquals("PostgreSQL", connection.getMetaData().getDatabaseProductName());
        }
    }

    @Test
    void twoServersInOneJvmKeepTheirOwnData() throws SQLException {
        assertNotEquals(FIRST.port(), SECOND.port());
        assertNotEquals(FIRST.folder(), SECOND.folder());
        String first = FIRST.newDatabase();
        String second = SECOND.newDatabase();
        try (Connection a = DriverManager.getConnection(first); Connection b = DriverManager.getConnection(second)) {
            for (Connection connection : List.of(a, b)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE owner (name TEXT)");
                }
            }
            try (Statement statement = a.createStatement()) {
                statement.execute("INSERT INTO owner VALUES ('first')");
            }
            try (Statement statement = b.createStatement()) {
                statement.execute("INSERT INTO owner VALUES ('second')");
            }
            assertEquals(List.of("first"), rows(a, "SELECT name FROM owner"));
            assertEquals(List.of("second"), rows(b, "SELECT name FROM owner"));
            assertEquals(List.of(String.valueOf(FIRST.port())), rows(a, "SELECT current_setting('port')"));
            assertEquals(List.of(String.valueOf(SECOND.port())), rows(b, "SELECT current_setting('port')"));
        }
    }

    @Test
    void asRootTheServerRunsAsAnUnprivilegedUser() throws Exception {
        long uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        String pid = Files.readAllLines(FIRST.folder().resolve("data").resolve("postmaster.pid")).get(0).strip();
        long serverUid = (Integer) Files.getAttribute(Path.of("/proc", pid), "unix:uid");
        if (uid == 0) {
            assertNotEquals(0L, serverUid, "the server must not run as root");
        } else {
            assertEquals(uid, serverUid);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        String url = FIRST.url().replaceFirst("password=[0-9a-f]+", "password=wrong");
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url).close());
        assertTrue(refused.getMessage().contains("password authentication failed"), refused.getMessage());
    }

    @Test
    void closingStopsTheServerAndDeletesItsFolder() throws Exception {
        PostgresServer server = new PostgresServer().start();
        String url = server.url();
        Path folder = server.folder();
        try (Connection connection = DriverManager.getConnection(url)) {
            assertEquals(List.of("1"), rows(connection, "SELECT 1"));
        }
        server.close();
        assertFalse(Files.exists(folder), folder + " is left behind");
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url).close());
    }

    private static List<String> rows(Connection connection, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }
}
