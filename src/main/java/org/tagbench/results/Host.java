package org.tagbench.results;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's name, for run provenance and for naming who trains a run. */
public final class Host {
    private Host() {
    }

    /** The kernel's host name (no DNS look-up, which can hang), else Java's, else {@code unknown}. */
    public static String name() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException notLinux) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException unknown) {
                return "unknown";
            }
        }
    }

    /** This process: host name and pid. */
    static String process() {
        return name() + " pid " + ProcessHandle.current().pid();
    }
}
