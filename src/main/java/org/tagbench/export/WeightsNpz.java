package org.tagbench.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.tagbench.config.ConfigException;
import org.tagbench.files.NpyMatrix;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.WeightArray;
import org.tagbench.model.WeightSlot;

/**
 * A bundle's {@code weights.npz}: NumPy's zip of {@code .npy} arrays, one per weight of the engine-neutral layout
 * under its name ({@code numpy.load} gives {@code layers.1.conv.weight} and so on), float32, little-endian, C order,
 * as {@link ModelWeights#writeNpz} writes it (deflated).
 */
final class WeightsNpz {
    /** The file's name in a bundle. */
    static final String FILE = "weights.npz";

    private WeightsNpz() {
    }

    /**
     * The weights of {@code file} for {@code layout}: every array present with its shape and no other; a one-line
     * {@link ConfigException} names the file and the first array that misfits.
     */
    static ModelWeights read(Path file, List<WeightSlot> layout) throws IOException {
        Map<String, WeightArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Set<String> expected = new HashSet<>();
            for (WeightSlot slot : layout) {
                expected.add(slot.name() + ".npy");
                ZipEntry entry = zip.getEntry(slot.name() + ".npy");
                if (entry == null) {
                    throw new ConfigException(file.toString(), "has no array " + slot.name() + " (expected every"
                            + " weight of the model's layout, " + layout.size() + " arrays)");
                }
                NpyMatrix.Floats array;
                try (InputStream in = zip.getInputStream(entry)) {
                    array = NpyMatrix.readFloats(in.readAllBytes());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(file.toString(), slot.name() + ": " + e.getMessage());
                }
                if (!Arrays.equals(array.shape(), slot.shape())) {
                    throw new ConfigException(file.toString(), slot.name() + " has shape "
                            + Arrays.toString(array.shape()) + ", the model needs " + Arrays.toString(slot.shape()));
                }
                arrays.put(slot.name(), new WeightArray(array.shape(), array.values()));
            }
            zip.stream().filter(e -> !expected.contains(e.getName())).findFirst().ifPresent(e -> {
                throw new ConfigException(file.toString(), "has an array " + e.getName() + " that the model does"
                        + " not have");
            });
        }
        return new ModelWeights(arrays);
    }
}
