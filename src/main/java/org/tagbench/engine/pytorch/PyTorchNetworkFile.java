package org.tagbench.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.tagbench.config.ConventionsName;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.WeightArray;

/**
 * What a {@link PyTorchNetwork} writes: a zip of {@code network.json} (engine, format, the spec it was built from,
 * its training conventions, the optimizer's settings and step count), {@code weights.npz} (the weight layout's
 * arrays by name, readable with numpy) and, when the optimizer's state is saved, {@code optimizer.npz} (its arrays
 * by name).
 *
 * @param optimizer the optimizer's settings when written (the learning rate included)
 * @param optimizerSteps updates the optimizer had done
 * @param weights the network's weights
 * @param optimizerState the optimizer's arrays by name, or null if they were not saved
 */
record PyTorchNetworkFile(OptimizerConfig optimizer, long optimizerSteps, ModelWeights weights,
                          Map<String, float[]> optimizerState) {
    private static final String ENGINE = "pytorch";
    private static final int FORMAT = 1;
    private static final String HEADER = "network.json";
    private static final String WEIGHTS = "weights.npz";
    private static final String STATE = "optimizer.npz";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The small JSON part: what wrote the file, for which spec, and the optimizer. */
    private record Header(String engine, int format, String arch, int melBands, int frames, int tags,
                          List<Integer> widths, String conventions, OptimizerConfig optimizer, long optimizerSteps,
                          boolean optimizerState) {
    }

    /** Whether the optimizer's state was saved. */
    boolean hasOptimizerState() {
        return optimizerState != null;
    }

    /**
     * Writes a network of {@code spec} trained under {@code conventions}: {@code weights} and {@code state} (null:
     * not saved) hold arrays named by the weight layout and the optimizer. {@code out} stays open.
     */
    static void write(OutputStream out, ModelSpec spec, ConventionsName conventions, OptimizerConfig optimizer,
                      long steps, NDList weights, NDList state) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        // Floats barely deflate, and a checkpoint is written every epoch: nothing here is deflated.
        zip.setLevel(Deflater.NO_COMPRESSION);
        zip.putNextEntry(new ZipEntry(HEADER));
        zip.write(JSON.writeValueAsBytes(new Header(ENGINE, FORMAT, spec.arch().configName(), spec.melBands(),
                spec.frames(), spec.tags(), spec.widths(), conventions.configName(), optimizer, steps,
                state != null)));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(WEIGHTS));
        weights(weights).writeNpz(zip, false);
        zip.closeEntry();
        if (state != null) {
            zip.putNextEntry(new ZipEntry(STATE));
            weights(state).writeNpz(zip, false);
            zip.closeEntry();
        }
        zip.finish();
    }

    /**
     * Reads what {@link #write} wrote for a network of {@code spec} under {@code conventions}; a file for another
     * spec, engine or conventions is an error. A file written before conventions existed was trained under dl4j's.
     */
    static PyTorchNetworkFile read(InputStream in, ModelSpec spec, ConventionsName conventions) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            entries.put(e.getName(), zip.readAllBytes());
        }
        byte[] headerBytes = entries.get(HEADER);
        if (headerBytes == null || !entries.containsKey(WEIGHTS)) {
            throw new IOException("not a network written by the pytorch engine (no " + HEADER + " and " + WEIGHTS
                    + "; was it written by another engine?)");
        }
        Header header = JSON.readValue(headerBytes, Header.class);
        if (!ENGINE.equals(header.engine()) || header.format() != FORMAT) {
            throw new IOException("network written by engine " + header.engine() + " in format " + header.format()
                    + "; this is the " + ENGINE + " engine's format " + FORMAT);
        }
        requireSpec(header, spec);
        String saved = header.conventions() != null ? header.conventions()
                : ConventionsName.BEFORE_CONVENTIONS.configName();
        if (!saved.equals(conventions.configName())) {
            throw new IOException("the network was trained under training.conventions " + saved + ", not "
                    + conventions.configName());
        }
        try (NDManager scratch = Libtorch.engine().newBaseManager()) {
            Map<String, float[]> state = null;
            if (header.optimizerState()) {
                state = new LinkedHashMap<>();
                for (NDArray array : NDList.decode(scratch, entries.get(STATE))) {
                    state.put(array.getName(), array.toFloatArray());
                }
            }
            return new PyTorchNetworkFile(header.optimizer(), header.optimizerSteps(),
                    weights(NDList.decode(scratch, entries.get(WEIGHTS))), state);
        }
    }

    /** The named float32 {@code arrays} by name, in order. */
    private static ModelWeights weights(NDList arrays) {
        Map<String, WeightArray> weights = new LinkedHashMap<>();
        for (NDArray array : arrays) {
            weights.put(array.getName(), PyTorchNetwork.weightArray(array));
        }
        return new ModelWeights(weights);
    }

    private static void requireSpec(Header header, ModelSpec spec) throws IOException {
        String saved = describe(header.arch(), header.widths(), header.melBands(), header.frames(), header.tags());
        String wanted = describe(spec.arch().configName(), spec.widths(), spec.melBands(), spec.frames(),
                spec.tags());
        if (!saved.equals(wanted)) {
            throw new IOException("the network was saved as " + saved + ", not " + wanted);
        }
    }

    private static String describe(String arch, List<Integer> widths, int melBands, int frames, int tags) {
        return arch + " widths " + widths + " on " + melBands + " x " + frames + " with " + tags + " tags";
    }
}
