package org.tagbench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * A real, throwaway PostgreSQL server for tests: a cluster made by {@code initdb} in a temp folder, listening on a
 * free port of 127.0.0.1 only, with password authentication, dropped with its folder at the end. Register it on a
 * static field ({@code @RegisterExtension static final PostgresServer POSTGRES = new PostgresServer();}) for one
 * server per test class, or call {@link #start()} and {@link #close()} yourself.
 *
 * <p>PostgreSQL refuses to run as root, so as root the cluster belongs to, and the server runs as, {@code nobody}
 * (through {@code runuser}). The binaries are found in Debian's {@code /usr/lib/postgresql/<version>/bin} (newest
 * first), else on {@code PATH}. When no server can be started the calling test fails if {@code CI} is set, and is
 * otherwise skipped, printing why; registered as an extension, each test that asks the server for anything is
 * skipped on its own, so that a test class's tests of other databases still run.
 *
 * <p>A results config holds no password ({@code results.url} is saved with every run), so a store's URL
 * ({@link #newStore()}) names the user only, and the driver reads the password from {@link #passwordFile()}: this
 * JVM's through the system property {@value #PASSWORD_FILE_PROPERTY}, a child process's through the environment
 * variable {@code PGPASSFILE}.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    /** The PostgreSQL driver's system property naming its password file (before PGPASSFILE and ~/.pgpass). */
    public static final String PASSWORD_FILE_PROPERTY = "org.postgresql.pgpassfile";
    /** The owner of the cluster and the password-holding role the tests connect as. */
    public static final String USER = "tagbench";
    private static final String UNPRIVILEGED = "nobody";
    private static final int START_ATTEMPTS = 3;
    private static final long COMMAND_SECONDS = 120;

    private final AtomicInteger databases = new AtomicInteger();
    private Path folder;
    private Path bin;
    private int port;
    private String password;
    private Thread stopAtExit;
    private String skipped;

    /** Starts the server before the test class's first test. */
    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            start();
        } catch (TestAbortedException e) {
            // Skipped here, the class's tests would not be counted at all: each is skipped on its own instead.
            skipped = e.getMessage();
        }
    }

    /** Skips the calling test, saying why, when the server could not be started. */
    private void require() {
        if (skipped != null) {
            Assumptions.abort(skipped);
        }
    }

    /** Stops the server and deletes its folder after the test class's last test. */
    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
    }

    /**
     * Makes a cluster, starts its server and creates the database {@code tagbench} in it; fails or skips the calling
     * test (see the class comment) when that is impossible.
     */
    public PostgresServer start() {
        if (folder != null) {
            throw new IllegalStateException("the PostgreSQL server in " + folder + " is already running");
        }
        String problem;
        try {
            problem = startCluster();
            if (problem == null) {
                try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
                    statement.execute("CREATE DATABASE " + USER);
                }
            }
        } catch (IOException | SQLException e) {
            problem = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted while starting it";
        }
        if (problem != null) {
            try {
                close();
            } catch (IOException e) {
                problem += "; and cleaning up: " + e.getMessage();
            }
            unavailable("cannot start a throwaway PostgreSQL server: " + problem);
        }
        return this;
    }

    /** The JDBC URL of the database {@code tagbench}, user and password included. */
    public String url() {
        require();
        return url(USER);
    }

    /** Creates a new empty database on this server and returns its JDBC URL (user and password included). */
    public String newDatabase() throws SQLException {
        return url(createDatabase());
    }

    /**
     * Creates a new empty database on this server and returns its URL as a results config holds it: the user
     * without the password, which this JVM's driver is pointed to in {@link #passwordFile()} from now on.
     */
    public String newStore() throws SQLException {
        String name = createDatabase();
        System.setProperty(PASSWORD_FILE_PROPERTY, passwordFile().toString());
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + USER;
    }

    /** A password file ({@code .pgpass} lines, mode 600) holding this server's password for every database. */
    public Path passwordFile() {
        require();
        return folder.resolve("pgpass");
    }

    /** The TCP port on 127.0.0.1 this server listens on. */
    public int port() {
        require();
        return port;
    }

    /** The folder holding the cluster (its data directory is {@code data} inside). */
    public Path folder() {
        require();
        return folder;
    }

    private String createDatabase() throws SQLException {
        require();
        String name = USER + "_" + databases.incrementAndGet();
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** Stops the server at once (no checkpoint: the data is thrown away) and deletes its folder. */
    @Override
    public void close() throws IOException {
        if (folder == null) {
            return;
        }
        try {
            if (Files.exists(folder.resolve("data").resolve("postmaster.pid"))) {
                String problem = asOwner(List.of(tool("pg_ctl"), "-D", data(), "-m", "immediate", "-w", "stop"));
                if (problem != null) {
                    throw new IOException("cannot stop the PostgreSQL server in " + folder + ": " + problem);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the PostgreSQL server in " + folder, e);
        }
        if (folder.resolve("pgpass").toString().equals(System.getProperty(PASSWORD_FILE_PROPERTY))) {
            System.clearProperty(PASSWORD_FILE_PROPERTY);
        }
        delete(folder);
        folder = null;
        if (stopAtExit != null && Thread.currentThread() != stopAtExit) {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        }
        stopAtExit = null;
    }

    /** Runs initdb and pg_ctl start; null when the server is up, else why not. */
    private String startCluster() throws IOException, InterruptedException {
        Optional<Path> found = binaries();
        if (found.isEmpty()) {
            return "initdb is neither in /usr/lib/postgresql/*/bin nor on PATH (install Debian's postgresql package)";
        }
        bin = found.get();
        folder = Files.createTempDirectory("tagbench-pg-");
        stopAtExit = new Thread(this::closeQuietly, "stop PostgreSQL in " + folder);
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        boolean root = root();
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        password = HexFormat.of().formatHex(secret);
        Path passwordFile = Files.writeString(folder.resolve("password"), password + "\n");
        if (root) {
            UserPrincipal owner = folder.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(UNPRIVILEGED);
            Files.setOwner(folder, owner);
            Files.setOwner(passwordFile, owner);
        }
        String problem = asOwner(List.of(tool("initdb"), "-D", data(), "-U", USER, "--auth=scram-sha-256",
                "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C", "--no-sync"));
        Files.delete(passwordFile);
        if (problem != null) {
            return "initdb failed: " + problem;
        }
        // The port is free when chosen but another process may take it before the server binds: try again then.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            port = freePort();
            // No Unix socket: Debian's default folder, /var/run/postgresql, is not writable by an unprivileged user.
            Files.writeString(folder.resolve("data").resolve("postgresql.auto.conf"), String.join("\n",
                    "listen_addresses = '127.0.0.1'",
                    "port = " + port,
                    "unix_socket_directories = ''",
                    "fsync = off",
                    "synchronous_commit = off",
                    "full_page_writes = off",
                    "shared_buffers = '16MB'",
                    ""));
            problem = asOwner(List.of(tool("pg_ctl"), "-D", data(), "-l", folder.resolve("server.log").toString(),
                    "-w", "-t", "60", "start"));
            if (problem == null) {
                Path pgpass = Files.writeString(folder.resolve("pgpass"), "127.0.0.1:" + port + ":*:" + USER + ":"
                        + password + "\n");
                Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
                return null;
            }
            problem = "pg_ctl start failed: " + problem + "; server log: " + serverLog();
        }
        return problem;
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER + "&password=" + password;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database));
    }

    private String data() {
        return folder.resolve("data").toString();
    }

    private String tool(String name) {
        return bin.resolve(name).toString();
    }

    private String serverLog() throws IOException {
        Path log = folder.resolve("server.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8).strip() : "(none)";
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            System.err.println(e.getMessage());
        }
    }

    /** The folder of initdb and pg_ctl: Debian's newest version first, then the folders on PATH. */
    private static Optional<Path> binaries() throws IOException {
        List<Path> candidates = new ArrayList<>();
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                        .sorted(Comparator.comparingDouble(
                                (Path v) -> Double.parseDouble(v.getFileName().toString())).reversed())
                        .forEach(v -> candidates.add(v.resolve("bin")));
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty()) {
                candidates.add(Path.of(entry));
            }
        }
        return candidates.stream()
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                .findFirst();
    }

    /** Runs {@code command} as the cluster's owner ({@code nobody} when we are root); null when it succeeds. */
    private static String asOwner(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("runuser", "-u", UNPRIVILEGED, "--"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("tagbench-pg-command-", ".txt");
        try {
            // To a file, not a pipe: pg_ctl's server inherits the output and would keep a pipe open after pg_ctl ends.
            Process process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", full) + " did not finish in " + COMMAND_SECONDS + " s";
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? null
                    : String.join(" ", full) + " exited with " + process.exitValue() + ": " + printed;
        } catch (IOException e) {
            return String.join(" ", full) + ": " + e.getMessage();
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Whether this process runs as root (uid 0, whatever the user's name, which a container may lack). */
    private static boolean root() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Fails the calling test under CI (set, and not empty, {@code false} or {@code 0}), else skips it saying why. */
    private static void unavailable(String why) {
        String ci = System.getenv("CI");
        if (ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false") && !ci.equals("0")) {
            Assertions.fail(why + " (CI is set to " + ci + ", where PostgreSQL must be installed)");
        }
        System.err.println("skipped: " + why);
        Assumptions.abort(why);
    }
}
