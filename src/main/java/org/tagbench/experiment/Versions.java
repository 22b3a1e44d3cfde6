package org.tagbench.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** tagbench's own version, the commit it was built from and the versions of the libraries it computes with. */
public final class Versions {
    private static final String UNFILTERED = "${";
    private static final Properties BUILD = load();

    private Versions() {
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String tagbench() {
        return BUILD.getProperty("version");
    }

    /**
     * The abbreviated commit the jar was built from, with {@code -dirty} when the work tree had changes; null when it
     * was built outside a git checkout.
     */
    public static String gitCommit() {
        String commit = BUILD.getProperty("git.commit");
        if (commit == null || commit.startsWith(UNFILTERED)) {
            return null;
        }
        return "true".equals(BUILD.getProperty("git.dirty")) ? commit + "-dirty" : commit;
    }

    /** The libraries whose versions can change a run's numbers or its records, by name, and the Java runtime. */
    public static Map<String, String> dependencies() {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String name : new String[] {"djl", "libtorch", "dl4j", "javacpp", "ffmpeg", "sqlite-jdbc", "postgresql",
                "flyway", "onnxruntime"}) {
            versions.put(name, BUILD.getProperty(name));
        }
        versions.put("java", System.getProperty("java.version"));
        return versions;
    }

    private static Properties load() {
        try (InputStream in = Versions.class.getResourceAsStream("/tagbench-version.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
