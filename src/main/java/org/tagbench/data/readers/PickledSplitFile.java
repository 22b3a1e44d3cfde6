package org.tagbench.data.readers;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tagbench.files.PickleFile;

/** What published splits pickle: lists of track ids, and dicts from id to tag vector. */
final class PickledSplitFile {
    private PickledSplitFile() {
    }

    /** The list of strings pickled in {@code file}, e.g. a split's track ids; {@code what} names one item. */
    static List<String> strings(Path file, String what) {
        if (!(load(file, "a pickled list of " + what + "s") instanceof List<?> list)) {
            throw DatasetFiles.problem(file, 0, "does not hold a list (expected a pickled list of " + what + "s)");
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String text)) {
                throw DatasetFiles.problem(file, 0, "item " + strings.size() + " is not a string (expected a"
                        + " list of " + what + "s)");
            }
            strings.add(text);
        }
        return strings;
    }

    /** The pickled dict of {@code file} from id to a 0/1 vector of {@code columns} values (list or NumPy array). */
    static Map<String, boolean[]> tagVectors(Path file, int columns) {
        String expected = "a pickled dict from track id to a vector of " + columns + " tags";
        if (!(load(file, expected) instanceof Map<?, ?> dict)) {
            throw DatasetFiles.problem(file, 0, "does not hold a dict (expected " + expected + ")");
        }
        Map<String, boolean[]> vectors = new HashMap<>(dict.size() * 2);
        for (Map.Entry<?, ?> entry : dict.entrySet()) {
            if (!(entry.getKey() instanceof String id)) {
                throw DatasetFiles.problem(file, 0, "key " + entry.getKey() + " is not a string (expected "
                        + expected + ")");
            }
            double[] values = PickleFile.numbers(entry.getValue());
            if (values == null || values.length != columns) {
                throw DatasetFiles.problem(file, 0, "the value of " + id + " is not a vector of " + columns
                        + " numbers");
            }
            boolean[] labels = new boolean[columns];
            for (int i = 0; i < columns; i++) {
                if (values[i] != 0 && values[i] != 1) {
                    throw DatasetFiles.problem(file, 0, "the value of " + id + " has " + values[i] + " at " + i
                            + " (expected 0 or 1)");
                }
                labels[i] = values[i] == 1;
            }
            vectors.put(id, labels);
        }
        return vectors;
    }

    private static Object load(Path file, String expected) {
        DatasetFiles.requireFile(file, expected);
        try {
            return PickleFile.read(file);
        } catch (UncheckedIOException e) {
            throw DatasetFiles.unreadable(file, expected, e.getCause());
        } catch (IllegalArgumentException e) {
            throw DatasetFiles.problem(file, 0, e.getMessage() + "; expected " + expected + ")");
        }
    }
}
