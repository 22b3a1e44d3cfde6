package org.tagbench.engine;

/**
 * Adam's epsilon and where it is added. With m and v the moments and t the step, the two forms are
 * <ul>
 *   <li>{@link Placement#BIAS_CORRECTED}: w -= lr * m^ / (sqrt(v^) + eps), m^ = m / (1 - b1^t), v^ = v / (1 - b2^t)
 *   (torch.optim.Adam);</li>
 *   <li>{@link Placement#EFFICIENT}: w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps), the "efficient"
 *   form of Kingma and Ba's section 2 (Keras 2's Adam, DL4J's).</li>
 * </ul>
 * They differ only while sqrt(v^) is not large against eps, i.e. for tiny gradients.
 *
 * @param epsilon Adam's eps
 * @param placement where eps is added
 */
public record AdamConvention(double epsilon, Placement placement) {

    /** Where Adam adds epsilon. */
    public enum Placement {
        /** To the square root of the bias-corrected second moment (PyTorch). */
        BIAS_CORRECTED,
        /** To the square root of the raw second moment, the bias correction folded into the rate (Keras, DL4J). */
        EFFICIENT
    }

    /**
     * The eps that the efficient form needs at step {@code t} (from 1) to compute this convention's update: eps
     * itself, or eps * sqrt(1 - b2^t) for the bias-corrected form (its update rewritten in the efficient form's
     * terms), so that both engines keep their one efficient-form kernel.
     */
    public double efficientEpsilon(long t, double beta2) {
        return placement == Placement.EFFICIENT ? epsilon : epsilon * Math.sqrt(1 - Math.pow(beta2, t));
    }
}
