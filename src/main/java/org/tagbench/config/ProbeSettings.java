package org.tagbench.config;

import java.util.List;

/**
 * The probe fitted on the embeddings: its kind, the grid of L2 strengths the validation split chooses from (the
 * strength {@code l2} weighs half the squared weights against the summed log loss: scikit-learn's {@code C} is
 * {@code 1 / l2}), and for {@code mlp} the hidden width, full-batch Adam epochs and learning rate.
 */
public record ProbeSettings(ProbeKind kind, List<Double> l2, int hidden, int epochs, double lr) {
    /** Requires a kind, a non-empty grid of positive strengths and positive MLP settings. */
    public ProbeSettings {
        Require.present("kind", kind, "logistic or mlp");
        if (l2 == null || l2.isEmpty()) {
            throw new ConfigException("l2", "is empty (expected a list of positive L2 strengths to choose from)");
        }
        for (int i = 0; i < l2.size(); i++) {
            Require.positive("l2[" + i + "]", l2.get(i));
        }
        l2 = List.copyOf(l2);
        Require.positive("hidden", hidden);
        Require.positive("epochs", epochs);
        Require.positive("lr", lr);
    }
}
