package org.tagbench.files;

import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A process that writes one file through {@link AtomicFile}, for tests that watch or kill a writer:
 * {@code finish FILE} writes it whole; {@code hold FILE} writes a first part, says {@code writing} on standard
 * output and waits, forever, for the rest.
 */
final class AtomicWriteProcess {
    private AtomicWriteProcess() {
    }

    public static void main(String[] args) throws Exception {
        boolean hold = args[0].equals("hold");
        AtomicFile.write(Path.of(args[1]), out -> {
            out.write("first part\n".getBytes(StandardCharsets.UTF_8));
            if (hold) {
                out.flush();
                System.out.println("writing");
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("stopped while holding the write");
                }
            }
            out.write("second part\n".getBytes(StandardCharsets.UTF_8));
        });
    }
}
