package org.tagbench.model;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.tagbench.files.NpyMatrix;

/**
 * A network's weights in the engine-neutral {@link WeightLayout}: every array of the layout, by name, in layout
 * order. Engines export and import this; it also holds the best epoch's weights during training.
 */
public record ModelWeights(Map<String, WeightArray> arrays) {
    /** A fixed zip entry time (1980-01-01, the zip format's first), so that the same arrays give the same bytes. */
    private static final long ENTRY_TIME = 315532800000L;

    public ModelWeights {
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    /** The array named {@code name}; an error names it when absent. */
    public WeightArray get(String name) {
        WeightArray array = arrays.get(name);
        if (array == null) {
            throw new IllegalArgumentException("no weight array named " + name);
        }
        return array;
    }

    /**
     * Writes these arrays, in order, as NumPy's {@code .npz} ({@code numpy.load} gives each by name; float32,
     * little-endian, C order) to {@code out}, which stays open; {@code deflated} or stored (floats barely shrink).
     */
    public void writeNpz(OutputStream out, boolean deflated) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(deflated ? Deflater.DEFAULT_COMPRESSION : Deflater.NO_COMPRESSION);
        for (Map.Entry<String, WeightArray> array : arrays.entrySet()) {
            ZipEntry entry = new ZipEntry(array.getKey() + ".npy");
            entry.setTime(ENTRY_TIME);
            zip.putNextEntry(entry);
            zip.write(NpyMatrix.float32(array.getValue().values(), array.getValue().shape()));
            zip.closeEntry();
        }
        zip.finish();
    }

    /** Checks that these weights are exactly {@code layout}'s arrays, with its shapes; the error names the first misfit. */
    public void requireLayout(List<WeightSlot> layout) {
        for (WeightSlot slot : layout) {
            WeightArray array = get(slot.name());
            if (!Arrays.equals(array.shape(), slot.shape())) {
                throw new IllegalArgumentException(slot.name() + " has shape " + Arrays.toString(array.shape())
                        + ", the model needs " + Arrays.toString(slot.shape()));
            }
        }
        if (arrays.size() != layout.size()) {
            throw new IllegalArgumentException(arrays.size() + " weight arrays for a model of " + layout.size());
        }
    }
}
