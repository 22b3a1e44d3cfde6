package org.tagbench.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.util.OSInfo;
import org.tagbench.files.AtomicFile;
import org.tagbench.files.CacheFolder;

/**
 * sqlite-jdbc's native library, kept in tagbench's cache folder. Left to itself the driver asks {@code uname} about
 * the machine and extracts its library into the temporary folder at every start: a tenth of a second of each short
 * command such as {@code tagbench runs} (docs/benchmarks.md, "Results store").
 */
final class SqliteLibrary {
    private static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static final String NAME_PROPERTY = "org.sqlite.lib.name";
    private static boolean settled;

    private SqliteLibrary() {
    }

    /**
     * Points sqlite-jdbc at the cached copy of its library, extracting it on first use. A library the user chose
     * ({@code -Dorg.sqlite.lib.path}) is kept; a cache that cannot be written leaves the driver to its own way.
     */
    static synchronized void useCachedCopy() {
        if (settled || System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        settled = true;
        String name = System.mapLibraryName("sqlitejdbc");
        try {
            Path folder = CacheFolder.root().resolve("natives").resolve("sqlite-jdbc-" + driverVersion() + "-"
                    + System.getProperty("os.name") + "-" + System.getProperty("os.arch"));
            Path library = folder.resolve(name);
            if (!Files.isRegularFile(library) && !extract(name, library)) {
                return;
            }
            System.setProperty(PATH_PROPERTY, folder.toString());
            System.setProperty(NAME_PROPERTY, name);
        } catch (IOException | RuntimeException e) {
            // The logger is looked up here only: setting up logging is as slow as what the cache saves.
            Logger log = LoggerFactory.getLogger(SqliteLibrary.class);
            log.debug("sqlite-jdbc's library not cached ({}); the driver extracts it itself", e.toString());
        }
    }

    /** Copies the driver's library for this machine to {@code library}; false when the driver bundles none. */
    private static boolean extract(String name, Path library) throws IOException {
        String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
        try (InputStream in = SqliteLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            Files.createDirectories(library.getParent());
            AtomicFile.write(library, in::transferTo);
            return true;
        }
    }

    private static String driverVersion() throws IOException {
        try (InputStream in = SqliteLibrary.class.getResourceAsStream("/sqlite-jdbc.properties")) {
            if (in == null) {
                throw new IOException("sqlite-jdbc.properties is missing");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        }
    }
}
