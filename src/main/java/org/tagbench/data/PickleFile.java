package org.tagbench.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * The Python pickles that published splits come in (Python 2's cPickle, any protocol), read with Pyrolite: lists of
 * strings, and dicts from id to tag vector, whose vectors may be NumPy arrays.
 */
final class PickleFile {
    static {
        // NumPy 1 and NumPy 2 name the array module differently; the dtype is the same class in both.
        for (String module : List.of("numpy.core.multiarray", "numpy._core.multiarray")) {
            Unpickler.registerConstructor(module, "_reconstruct", args -> new PickledNumpyArray());
        }
        Unpickler.registerConstructor("numpy", "dtype", args -> new PickledNumpyArray.Dtype(String.valueOf(args[0])));
    }

    private PickleFile() {
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
            double[] values = numbers(entry.getValue());
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
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw DatasetFiles.unreadable(file, expected, e);
        }
        try {
            return new Unpickler().loads(bytes);
        } catch (IOException | PickleException | IllegalArgumentException | ClassCastException e) {
            // A failed __setstate__ (of a NumPy array) hides the reason two causes down.
            Throwable why = e.getCause() != null && e.getCause().getCause() != null ? e.getCause().getCause() : e;
            throw DatasetFiles.problem(file, 0, "not a readable pickle (" + (why.getMessage() == null
                    ? why.getClass().getSimpleName() : why.getMessage()) + "; expected " + expected + ")");
        }
    }

    private static double[] numbers(Object value) {
        if (value instanceof PickledNumpyArray array) {
            return array.values();
        }
        if (value instanceof List<?> list && list.stream().allMatch(Number.class::isInstance)) {
            return list.stream().mapToDouble(n -> ((Number) n).doubleValue()).toArray();
        }
        return null;
    }
}
