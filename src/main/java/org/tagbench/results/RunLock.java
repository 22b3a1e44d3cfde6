package org.tagbench.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.tagbench.config.ConfigException;
import org.tagbench.files.FileFailure;

/**
 * The lock of a run being trained: an exclusive lock on {@code .tagbench-run.lock} in the run folder, held by the
 * training process and dropped by the system when it ends however it ends (kill -9 included), so a second
 * {@code run --resume} of a live run is refused while one of a dead run goes on at once.
 */
final class RunLock implements AutoCloseable {
    /** The lock file's name in a run folder. */
    static final String FILE = ".tagbench-run.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of the run in {@code folder}, or refuses in one line naming the process that holds it. */
    static RunLock take(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw FileFailure.naming(file, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
            throw new ConfigException("--resume", folder + " is being trained by another tagbench ("
                    + (holder.isEmpty() ? "a live process" : holder) + "); wait for it to end or stop it first");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Host.process().getBytes(StandardCharsets.UTF_8)), 0);
        return new RunLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
