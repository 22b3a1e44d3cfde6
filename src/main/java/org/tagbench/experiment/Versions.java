package org.tagbench.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** tagbench's own version, as Maven wrote it into the jar. */
public final class Versions {
    private Versions() {
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String tagbench() {
        try (InputStream in = Versions.class.getResourceAsStream("/tagbench-version.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
