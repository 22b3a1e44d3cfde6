package org.tagbench.engine.dl4j;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.tagbench.engine.AdamConvention;

/**
 * Adam with PyTorch's placement of epsilon, w -= lr * m^ / (sqrt(v^) + eps), for DL4J, whose Adam has the efficient
 * form only: ND4J's Adam kernel run with eps * sqrt(1 - beta2^t) ({@link AdamConvention#efficientEpsilon}). Its
 * settings, state and JSON form are Adam's.
 */
public final class BiasCorrectedAdam extends Adam {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("unused") // for DL4J's JSON mapper
    private BiasCorrectedAdam() {
    }

    /** Adam at {@code lr} with these betas and {@code epsilon} added to sqrt(v^). */
    public BiasCorrectedAdam(double lr, double beta1, double beta2, double epsilon) {
        super(lr, beta1, beta2, epsilon);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        INDArray flat = viewArray.reshape(viewArray.length());
        long[] gradientShape = {flat.length() / 2};
        Updater updater = new Updater(this);
        updater.setStateViewArray(flat, gradientShape, flat.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater updater = new Updater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public BiasCorrectedAdam clone() {
        BiasCorrectedAdam copy = new BiasCorrectedAdam(getLearningRate(), getBeta1(), getBeta2(), getEpsilon());
        copy.setLearningRateSchedule(getLearningRateSchedule());
        return copy;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof BiasCorrectedAdam;
    }

    /** ND4J's Adam updater with the epsilon of each step's efficient form. */
    private static final class Updater extends AdamUpdater {
        private final AdamConvention convention;

        Updater(BiasCorrectedAdam config) {
            super(config);
            convention = new AdamConvention(config.getEpsilon(), AdamConvention.Placement.BIAS_CORRECTED);
        }

        /** As ND4J's, whose kernel counts steps from {@code iteration} 0 (its t is iteration + 1). */
        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            Adam config = getConfig();
            INDArray v = getV();
            Nd4j.exec(new org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater(gradient.reshape(v.shape()), v, getM(),
                    config.getLearningRate(iteration, epoch), config.getBeta1(), config.getBeta2(),
                    convention.efficientEpsilon(iteration + 1L, config.getBeta2()), iteration));
        }
    }
}
