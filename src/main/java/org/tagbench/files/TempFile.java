package org.tagbench.files;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The temp file an {@link AtomicFile} write goes through: {@code .<target>.tagbench-<16 hex digits>.tmp} beside its
 * target, created with the default permissions (so the user's umask and the folder's default ACL apply), and
 * locked for as long as it is open. The operating system drops the lock when its process dies, kill -9 included,
 * which is how a later write tells a killed writer's temp file from a live one.
 */
final class TempFile implements Closeable {
    private static final Pattern NAME = Pattern.compile("\\..+\\.tagbench-[0-9a-f]{16}\\.tmp");
    /**
     * How long a temp file must have been left untouched before it is removed. A writer touches its file from the
     * moment it creates it; the wait only closes the instant between its creating the file and locking it.
     */
    private static final Duration UNTOUCHED = Duration.ofMinutes(1);
    /**
     * The temp files this process is writing. They are never probed: closing any channel of a file drops every
     * lock this process holds on it (POSIX), the writer's included.
     */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel channel;

    private TempFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** A new, empty, locked temp file in {@code folder} for the file named {@code target}. */
    static TempFile create(Path folder, String target) throws IOException {
        while (true) {
            Path path = folder.resolve("." + target + ".tagbench-"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
            WRITING.add(path);
            try {
                FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                lock(channel);
                return new TempFile(path, channel);
            } catch (FileAlreadyExistsException taken) {
                WRITING.remove(path);
            } catch (IOException | RuntimeException e) {
                WRITING.remove(path);
                throw e;
            }
        }
    }

    /**
     * Removes the temp files in {@code folder} that no process is writing: tagbench's own name pattern, not locked,
     * untouched for a minute. Best effort: whatever cannot be checked or removed stays, and the write goes on.
     */
    static void removeAbandoned(Path folder) {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder,
                entry -> NAME.matcher(entry.getFileName().toString()).matches() && !WRITING.contains(entry))) {
            for (Path temp : temps) {
                removeIfAbandoned(temp);
            }
        } catch (IOException | DirectoryIteratorException cannotList) {
            // Nothing removed; the folder is listed again at its next write.
        }
    }

    private static void removeIfAbandoned(Path temp) {
        try {
            if (Files.getLastModifiedTime(temp).toInstant().isAfter(Instant.now().minus(UNTOUCHED))) {
                return;
            }
            // A shared lock needs only read access, so another user's leftover in a shared folder is checked too.
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.READ);
                 FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true)) {
                if (lock != null) {
                    Files.delete(temp);
                }
            }
        } catch (IOException | OverlappingFileLockException cannotTell) {
            // Gone already, not ours to read, or a file system without locks: left alone.
        }
    }

    private static void lock(FileChannel channel) throws IOException {
        try {
            channel.tryLock();
        } catch (IOException noLocks) {
            // A file system without locks (some network mounts): the write goes on, and its temp file, should the
            // process die, is never judged abandoned.
        }
    }

    /** The temp file. */
    Path path() {
        return path;
    }

    /** Its open channel, positioned at the end of what was written. */
    FileChannel channel() {
        return channel;
    }

    /** Closes the channel (dropping the lock) and deletes the temp file if it was not renamed. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } finally {
            WRITING.remove(path);
        }
    }
}
