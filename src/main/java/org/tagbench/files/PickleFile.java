package org.tagbench.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Python pickles (Python 2's cPickle, any protocol) read with Pyrolite, NumPy arrays inside them included; the
 * published split lists come in this form.
 */
public final class PickleFile {
    static {
        // NumPy 1 and NumPy 2 name the array module differently; the dtype is the same class in both.
        for (String module : List.of("numpy.core.multiarray", "numpy._core.multiarray")) {
            Unpickler.registerConstructor(module, "_reconstruct", args -> new PickledNumpyArray());
        }
        Unpickler.registerConstructor("numpy", "dtype", args -> new PickledNumpyArray.Dtype(String.valueOf(args[0])));
    }

    private PickleFile() {
    }

    /**
     * The object pickled in {@code file}; an unreadable file is an {@link UncheckedIOException}, a file that is not a
     * pickle an {@link IllegalArgumentException} whose message starts "not a readable pickle (reason".
     */
    public static Object read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new Unpickler().loads(bytes);
        } catch (IOException | PickleException | IllegalArgumentException | ClassCastException e) {
            // A failed __setstate__ (of a NumPy array) hides the reason two causes down.
            Throwable why = e.getCause() != null && e.getCause().getCause() != null ? e.getCause().getCause() : e;
            throw new IllegalArgumentException("not a readable pickle (" + (why.getMessage() == null
                    ? why.getClass().getSimpleName() : why.getMessage()), e);
        }
    }

    /** A pickled vector's values: a NumPy array or a list of numbers; null for anything else. */
    public static double[] numbers(Object value) {
        if (value instanceof PickledNumpyArray array) {
            return array.values();
        }
        if (value instanceof List<?> list && list.stream().allMatch(Number.class::isInstance)) {
            return list.stream().mapToDouble(n -> ((Number) n).doubleValue()).toArray();
        }
        return null;
    }
}
