package org.tagbench.data.readers;

import org.tagbench.data.DatasetException;
import org.tagbench.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tagbench.config.SplitFiles;

/** Reading the small text files of published splits, and the one-line {@link DatasetException}s about them. */
final class DatasetFiles {
    private DatasetFiles() {
    }

    /** A problem in {@code file}, at {@code line} when that is above 0: {@code <file>: line <n>: <problem>}. */
    static DatasetException problem(Path file, long line, String problem) {
        return new DatasetException(file + (line > 0 ? ": line " + line : "") + ": " + problem);
    }

    /** A file that cannot be read: {@code <file>: cannot read <what> (<reason>)}. */
    static DatasetException unreadable(Path file, String what, IOException e) {
        return problem(file, 0, "cannot read " + what + " (" + reason(e) + ")");
    }

    /** Fails unless {@code file} is a readable regular file, saying it should hold {@code what}. */
    static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw problem(file, 0, "cannot read " + what + " (" + (Files.exists(file) ? "not a readable file"
                    : "no such file") + ")");
        }
    }

    /** The lines of a one-value-per-line file, trimmed; blank lines at the end are dropped, others are errors. */
    static List<String> values(Path file, String what) {
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file).stream().map(String::trim).toList());
        } catch (IOException e) {
            throw unreadable(file, what, e);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                throw problem(file, i + 1, "empty line (expected " + what + ", one a line)");
            }
        }
        return lines;
    }

    /** Fails unless two parallel lists (e.g. ids and their labels) have the same length. */
    static void requireSameLength(Path file, int count, Path other, int otherCount, String unit) {
        if (count != otherCount) {
            throw problem(file, 0, "has " + count + " " + unit + " but " + other + " has " + otherCount
                    + " (expected one for each)");
        }
    }

    /** The file of {@code files} that lists {@code split}. */
    static Path splitFile(SplitFiles files, Split split) {
        return switch (split) {
            case TRAIN -> files.train();
            case VALID -> files.valid();
            case TEST -> files.test();
        };
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
