package org.tagbench.transfer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.tagbench.config.ConfigLoader;
import org.tagbench.export.ModelBundle;
import org.tagbench.model.WeightArray;

/**
 * A bundle a probe embeds with, named for reports, and its digest: the SHA-256 over its resolved config (features,
 * chunking, architecture), its tags and every weight array (name, shape, float32 values, little-endian, in layout
 * order). The digest names its cached embeddings, and stands for the bundle in a probe's experiment key; a random
 * baseline, which has no files, gets one the same way.
 *
 * @param label what reports call it (the bundle's folder, or its baseline's "random" twin)
 * @param bundle the bundle
 * @param digest the lower-case hex SHA-256 described above
 */
public record ProbedBundle(String label, ModelBundle bundle, String digest) {

    /** {@code bundle} under {@code label}, its digest computed. */
    public static ProbedBundle of(String label, ModelBundle bundle) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        sha.update(ConfigLoader.canonicalJson(bundle.config()).getBytes(StandardCharsets.UTF_8));
        sha.update(String.join("\n", bundle.tags()).getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, WeightArray> array : bundle.weights().arrays().entrySet()) {
            sha.update(array.getKey().getBytes(StandardCharsets.UTF_8));
            int[] shape = array.getValue().shape();
            float[] values = array.getValue().values();
            ByteBuffer bytes = ByteBuffer.allocate(4 * (shape.length + values.length)).order(ByteOrder.LITTLE_ENDIAN);
            for (int n : shape) {
                bytes.putInt(n);
            }
            for (float v : values) {
                bytes.putFloat(v);
            }
            sha.update(bytes.array());
        }
        return new ProbedBundle(label, bundle, HexFormat.of().formatHex(sha.digest()));
    }

    /** The baseline of this bundle: its architecture's random initial weights ({@link ModelBundle#untrained}). */
    public ProbedBundle untrained() {
        return of(label + " (random weights)", bundle.untrained());
    }
}
