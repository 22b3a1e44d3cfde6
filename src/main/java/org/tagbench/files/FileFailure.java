package org.tagbench.files;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * I/O failures that name their file. Java's messages for some failures do not (a full disk is just "No space left
 * on device", a cut-off zip "zip END header not found"), and a one-line error must say which file it was.
 */
public final class FileFailure {
    private FileFailure() {
    }

    /** {@code e} as a failure of {@code file}: as it is when it already names a file, else naming {@code file}. */
    public static FileSystemException naming(Path file, IOException e) {
        if (e instanceof FileSystemException named && named.getFile() != null) {
            return named;
        }
        return withCause(new FileSystemException(file.toString(), null, reason(e)), e);
    }

    /** {@code file}, written whole by tagbench, could not be read back because of {@code e}: cut off or damaged. */
    public static FileSystemException damaged(Path file, Exception e) {
        return withCause(new FileSystemException(file.toString(), null, "damaged or truncated (" + reason(e) + ")"),
                e);
    }

    private static String reason(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static FileSystemException withCause(FileSystemException named, Exception cause) {
        named.initCause(cause);
        return named;
    }
}
