package org.tagbench.engine;

import static org.tagbench.engine.Initialisation.FAN_IN_UNIFORM;
import static org.tagbench.engine.Initialisation.GLOROT_UNIFORM;
import static org.tagbench.engine.Initialisation.HE_NORMAL;
import static org.tagbench.engine.Initialisation.ONES;
import static org.tagbench.engine.Initialisation.ORTHOGONAL;
import static org.tagbench.engine.Initialisation.UNITS_UNIFORM;
import static org.tagbench.engine.Initialisation.ZEROS;

import org.tagbench.config.ConventionsName;
import org.tagbench.config.LossName;
import org.tagbench.engine.AdamConvention.Placement;
import org.tagbench.engine.BatchNormConvention.RunningVariance;
import org.tagbench.model.WeightRole;

/**
 * What {@code training.conventions} sets, the same on every engine: the initialisation of every layer kind, batch
 * norm's running statistics and epsilon, Adam's epsilon and its placement, and the loss form.
 * <ul>
 *   <li>{@link #PYTORCH}, torch.nn's defaults (torch 1.13 to 2.5): Conv2d and Linear weights and biases U(+-1 /
 *   sqrt(fan in)); GRU weights and biases U(+-1 / sqrt(units)); batch norm keeps 0.9 (momentum 0.1 of the new
 *   batch), eps 1e-5, running variance fed the unbiased batch variance; Adam eps 1e-8 added to sqrt(v^); loss from
 *   logits.</li>
 *   <li>{@link #KERAS}, Keras 2.1.3's defaults on TensorFlow, as Choi et al. trained (Keras 2.0 and 2.1): kernels
 *   glorot_uniform, biases zeros, the GRU's recurrent kernel orthogonal; BatchNormalization momentum 0.99 (the
 *   share kept), eps 1e-3, moving variance fed tf.nn.moments's biased batch variance (Keras 2.1.4 and later
 *   multiply it by n / (n - 1 - eps); TensorFlow's fused kernel, used for 4-D inputs where NCHW is supported,
 *   feeds the unbiased one); Adam eps K.epsilon() = 1e-7 in the efficient form (Keras 2.0 used 1e-8); loss from
 *   logits (binary_crossentropy's mean; Keras clips probabilities at 1e-7 instead, which differs only there).</li>
 *   <li>{@link #DL4J}, what both engines did before conventions existed, so that old runs reproduce: He normal
 *   weights for convolutions and dense layers, Glorot uniform GRU weights, zero biases, drawn by each engine's own
 *   generator; batch norm keeps 0.9, eps 1e-5, biased running variance; Adam eps 1e-8 in the efficient form;
 *   each engine's loss as before ({@link LossForm#ENGINE_DEFAULT}).</li>
 * </ul>
 * Batch norm's scale starts at 1 and shift at 0, its running mean at 0 and variance at 1, under every convention.
 *
 * @param name the config's name for these conventions
 * @param engineDraws true: each engine draws the initial weights with its own generator, as before conventions
 *                    existed; false: {@link InitialWeights} draws them from the seed, the same on every engine
 * @param convWeight a convolution's kernel
 * @param convBias a convolution's bias
 * @param denseWeight a dense (hidden or output) layer's weight
 * @param denseBias a dense layer's bias
 * @param gruInputWeights a GRU's input weights
 * @param gruRecurrentWeights a GRU's recurrent weights
 * @param gruBiases both of a GRU's biases
 * @param batchNorm batch normalization's running statistics and epsilon
 * @param adam Adam's epsilon and its placement
 * @param loss how binary cross-entropy is computed
 * @param objective the loss the network minimises ({@code training.loss}; {@link LossName#BCE} in the constants,
 *                  {@link #minimising} gives the others): cross-entropy is always computed from the logits (log
 *                  softmax) and mse on the sigmoid outputs, under every convention
 */
public record TrainingConventions(ConventionsName name, boolean engineDraws, Initialisation convWeight,
                                  Initialisation convBias, Initialisation denseWeight, Initialisation denseBias,
                                  Initialisation gruInputWeights, Initialisation gruRecurrentWeights,
                                  Initialisation gruBiases, BatchNormConvention batchNorm, AdamConvention adam,
                                  LossForm loss, LossName objective) {

    /** torch.nn's and torch.optim.Adam's defaults. */
    public static final TrainingConventions PYTORCH = new TrainingConventions(ConventionsName.PYTORCH, false,
            FAN_IN_UNIFORM, FAN_IN_UNIFORM, FAN_IN_UNIFORM, FAN_IN_UNIFORM, UNITS_UNIFORM, UNITS_UNIFORM,
            UNITS_UNIFORM, new BatchNormConvention(0.9, 1e-5, RunningVariance.UNBIASED),
            new AdamConvention(1e-8, Placement.BIAS_CORRECTED), LossForm.LOGITS, LossName.BCE);

    /** Keras 2.1.3's defaults. */
    public static final TrainingConventions KERAS = new TrainingConventions(ConventionsName.KERAS, false,
            GLOROT_UNIFORM, ZEROS, GLOROT_UNIFORM, ZEROS, GLOROT_UNIFORM, ORTHOGONAL, ZEROS,
            new BatchNormConvention(0.99, 1e-3, RunningVariance.BIASED),
            new AdamConvention(1e-7, Placement.EFFICIENT), LossForm.LOGITS, LossName.BCE);

    /** DL4J's defaults, as both engines trained before conventions existed. */
    public static final TrainingConventions DL4J = new TrainingConventions(ConventionsName.DL4J, true,
            HE_NORMAL, ZEROS, HE_NORMAL, ZEROS, GLOROT_UNIFORM, GLOROT_UNIFORM, ZEROS,
            new BatchNormConvention(0.9, 1e-5, RunningVariance.BIASED),
            new AdamConvention(1e-8, Placement.EFFICIENT), LossForm.ENGINE_DEFAULT, LossName.BCE);

    /** What a config that names no conventions gets ({@link ConventionsName#DEFAULT}). */
    public static final TrainingConventions DEFAULT = of(ConventionsName.DEFAULT);

    /** The conventions {@code name} stands for. */
    public static TrainingConventions of(ConventionsName name) {
        return switch (name) {
            case PYTORCH -> PYTORCH;
            case KERAS -> KERAS;
            case DL4J -> DL4J;
        };
    }

    /** These conventions minimising {@code newObjective} instead. */
    public TrainingConventions minimising(LossName newObjective) {
        return new TrainingConventions(name, engineDraws, convWeight, convBias, denseWeight, denseBias, gruInputWeights,
                gruRecurrentWeights, gruBiases, batchNorm, adam, loss, newObjective);
    }

    /** True when the outputs are a softmax over classes (cross-entropy), false when a sigmoid per tag. */
    public boolean softmaxOutputs() {
        return objective == LossName.CROSS_ENTROPY;
    }

    /** How an array of {@code role} starts. */
    public Initialisation initialisation(WeightRole role) {
        return switch (role) {
            case CONV_WEIGHT -> convWeight;
            case CONV_BIAS -> convBias;
            case DENSE_WEIGHT -> denseWeight;
            case DENSE_BIAS -> denseBias;
            case GRU_INPUT_WEIGHTS -> gruInputWeights;
            case GRU_RECURRENT_WEIGHTS -> gruRecurrentWeights;
            case GRU_INPUT_BIAS, GRU_RECURRENT_BIAS -> gruBiases;
            // An LSTM starts as its framework starts a GRU: torch.nn.LSTM and Keras's LSTM draw as their GRUs do.
            case LSTM_INPUT_WEIGHTS -> gruInputWeights;
            case LSTM_RECURRENT_WEIGHTS -> gruRecurrentWeights;
            case LSTM_INPUT_BIAS, LSTM_RECURRENT_BIAS -> gruBiases;
            case NORM_SCALE, RUNNING_VARIANCE -> ONES;
            case NORM_SHIFT, RUNNING_MEAN -> ZEROS;
            case MEL_FILTERBANK, DFT_BASIS -> throw new IllegalArgumentException("a trainable front end starts as"
                    + " its mel settings make it (FrontEndWeights), not drawn");
        };
    }
}
