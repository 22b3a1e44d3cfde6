package org.tagbench.files;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file through a temp file in the same folder and an atomic rename, so that a reader, a crash or a power
 * loss never leaves a half-written file in its place: the temp file reaches the disk before the rename, and the
 * folder (which holds the rename) after it. The file gets the permissions of any new file there (the user's
 * umask). Temp files that killed writers left in the folder are removed first (see {@link TempFile}).
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** What goes into a file. */
    @FunctionalInterface
    public interface Contents {
        /** Writes the whole contents to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces {@code file} with {@code contents}, creating its folder if needed. */
    public static void write(Path file, Contents contents) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        TempFile.removeAbandoned(folder);
        try (TempFile temp = TempFile.create(folder, file.getFileName().toString())) {
            OutputStream out = new BufferedOutputStream(new KeepOpen(Channels.newOutputStream(temp.channel())));
            contents.writeTo(out);
            out.flush();
            temp.channel().force(true);
            // Renamed while still open and locked, so that no other process takes it for a killed writer's.
            Files.move(temp.path(), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        force(folder);
    }

    /** Forces {@code folder}'s entries (the rename) to disk. */
    private static void force(Path folder) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(folder, StandardOpenOption.READ);
        } catch (IOException cannotOpenFolders) {
            // Windows opens no folder as a file; there the rename's durability is the file system's.
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }

    /** The channel stays open until forced and renamed, even when {@link Contents} closes its stream. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
