package org.tagbench.audio;

import java.nio.file.Path;

/** An audio file that cannot be used, with the file and the cause in one line. */
public final class AudioException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Reports that {@code file} cannot be used because of {@code cause}. */
    public AudioException(Path file, String cause) {
        super(file + ": " + cause);
    }
}
