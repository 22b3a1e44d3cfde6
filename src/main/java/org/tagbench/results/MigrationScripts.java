package org.tagbench.results;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The store's migration scripts, named one by one, handed to Flyway in place of its scan of the class path: the scan
 * reads every entry of tagbench's 388 MB jar and cost each new store about a third of a second.
 *
 * @param paths class-path resources, oldest first, each named {@code V<n>__<what>.sql} as Flyway expects
 */
record MigrationScripts(List<String> paths) implements ResourceProvider {
    /** This tagbench's scripts, in {@code db/results} (StoreSchemaTest keeps the list equal to that folder). */
    static final MigrationScripts TAGBENCH = new MigrationScripts(List.of("db/results/V1__runs.sql",
            "db/results/V2__sweeps.sql", "db/results/V3__task_metrics.sql", "db/results/V4__run_kind.sql",
            "db/results/V5__robustness.sql"));

    MigrationScripts {
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no migration scripts");
        }
    }

    /** The schema version the newest script brings a store to: the number after its {@code V}. */
    String newestVersion() {
        String name = fileName(paths.get(paths.size() - 1));
        return name.substring(1, name.indexOf("__"));
    }

    @Override
    public LoadableResource getResource(String name) {
        return paths.stream().filter(p -> p.equals(name) || fileName(p).equals(name)).findFirst()
                .map(Script::new).orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return paths.stream()
                .filter(p -> fileName(p).startsWith(prefix) && Arrays.stream(suffixes).anyMatch(p::endsWith))
                .map(p -> (LoadableResource) new Script(p)).toList();
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** One script, read from the class path when Flyway runs it. */
    private static final class Script extends LoadableResource {
        private final String path;

        Script(String path) {
            this.path = path;
        }

        @Override
        public Reader read() {
            InputStream in = MigrationScripts.class.getClassLoader().getResourceAsStream(path);
            if (in == null) {
                throw new UncheckedIOException(new FileNotFoundException(
                        "migration script " + path + " is missing from tagbench's class path"));
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return path;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return path;
        }

        @Override
        public String getFilename() {
            return fileName(path);
        }

        /** Relative to the scripts' folder, as Flyway's own scan names it in the schema history. */
        @Override
        public String getRelativePath() {
            return fileName(path);
        }
    }
}
