package org.tagbench.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.tagbench.config.ConfigException;
import org.tagbench.files.FileFailure;

/** The audio files named on a command line: files as given, folders walked for files with an audio extension. */
public final class AudioFiles {
    /** The extensions a folder's audio files have (FFmpeg reads more; a file named directly may have any). */
    public static final Set<String> EXTENSIONS = Set.of("mp3", "wav", "flac", "ogg", "oga", "opus", "m4a", "aac",
            "aif", "aiff", "wma", "mp4", "webm");

    private AudioFiles() {
    }

    /**
     * Every path of {@code given} in order, each folder replaced by its audio files (walked, in name order); a folder
     * without any is an error naming it ({@code where}: the argument's name).
     */
    public static List<Path> expand(List<Path> given, String where) {
        List<Path> files = new ArrayList<>();
        for (Path path : given) {
            if (!Files.isDirectory(path)) {
                files.add(path);
                continue;
            }
            List<Path> found = walk(path);
            if (found.isEmpty()) {
                throw new ConfigException(where, path + " has no audio files (expected files ending "
                        + String.join(", ", EXTENSIONS.stream().sorted().map(e -> "." + e).toList()) + ")");
            }
            files.addAll(found);
        }
        return files;
    }

    private static List<Path> walk(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).filter(AudioFiles::isAudio).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException(FileFailure.naming(folder,
                    e instanceof UncheckedIOException u ? u.getCause() : (IOException) e));
        }
    }

    private static boolean isAudio(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
