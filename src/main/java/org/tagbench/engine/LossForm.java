package org.tagbench.engine;

/** How a network's binary cross-entropy is computed; it reports the mean per batch row and tag either way. */
public enum LossForm {
    /**
     * From the logits x and labels z, max(x, 0) - x z + log(1 + exp(-|x|)), which never overflows, averaged over
     * every row and tag (PyTorch's BCEWithLogitsLoss, Keras's binary_crossentropy); gradient (sigmoid(x) - z) / count.
     */
    LOGITS,
    /**
     * What each engine computed before conventions existed: on DL4J, its LossBinaryXENT on the sigmoid outputs
     * clipped to [1e-5, 1 - 1e-5], summed over the tags and averaged over the rows (so its gradient is the number
     * of tags times the mean's); on the pytorch engine, which never computed it so, the mean from logits.
     */
    ENGINE_DEFAULT
}
