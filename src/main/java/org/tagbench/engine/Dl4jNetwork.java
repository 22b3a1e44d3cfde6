package org.tagbench.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.model.ModelSpec;

/**
 * A {@link ModelSpec} built as a DL4J network: training steps, sigmoid outputs, weights in and out. It eats log-mel
 * chunks, or raw audio when built with the mel front end inside.
 */
public final class Dl4jNetwork {
    private final ModelSpec spec;
    private final MultiLayerNetwork network;
    /** The shape of one example in {@link Batch#features()}: [1, n_mels, frames] of log-mel, or [samples] of audio. */
    private final long[] exampleShape;

    private Dl4jNetwork(ModelSpec spec, MultiLayerNetwork network, long[] exampleShape) {
        this.spec = spec;
        this.network = network;
        this.exampleShape = exampleShape;
    }

    /**
     * Builds and initialises the network for {@code spec}, trained with binary cross-entropy and Adam; it eats
     * log-mel chunks, {@link Batch#features()} as [rows, n_mels, frames].
     */
    public static Dl4jNetwork build(ModelSpec spec, OptimizerConfig optimizer, long seed) {
        return withSpecLayers(layers(optimizer, seed), spec,
                InputType.convolutional(spec.melBands(), spec.frames(), 1),
                new long[] {1, spec.melBands(), spec.frames()});
    }

    /**
     * As {@link #build(ModelSpec, OptimizerConfig, long)}, but the network eats raw mono audio, {@link Batch#features()}
     * as [rows, samples]: a {@link MelFrontEndLayer} of {@code features} before the spec's layers computes the
     * log-mel, whose shape must be the spec's input.
     */
    public static Dl4jNetwork build(ModelSpec spec, OptimizerConfig optimizer, long seed, FeatureConfig features,
                                    int samples) {
        MelFrontEndLayer frontEnd = new MelFrontEndLayer(features);
        InputType audio = InputType.feedForward(samples);
        InputType.InputTypeConvolutional mel = (InputType.InputTypeConvolutional) frontEnd.getOutputType(0, audio);
        if (mel.getHeight() != spec.melBands() || mel.getWidth() != spec.frames()) {
            throw new IllegalArgumentException(samples + " samples make a " + mel.getHeight() + " x " + mel.getWidth()
                    + " log-mel (n_mels x frames), but the model spec expects " + spec.melBands() + " x "
                    + spec.frames());
        }
        return withSpecLayers(layers(optimizer, seed).layer(frontEnd), spec, audio, new long[] {samples});
    }

    private static NeuralNetConfiguration.ListBuilder layers(OptimizerConfig optimizer, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .updater(updater(optimizer))
                .l2(optimizer.weightDecay())
                .l2Bias(optimizer.weightDecay())
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
    }

    /** Appends the spec's layers to {@code layers}, which eat {@code input}, and initialises it all. */
    private static Dl4jNetwork withSpecLayers(NeuralNetConfiguration.ListBuilder layers, ModelSpec spec,
                                              InputType input, long[] exampleShape) {
        Dl4jLayers.append(layers, spec.layers());
        layers.setInputType(input);
        MultiLayerNetwork network = new MultiLayerNetwork(layers.build());
        network.init();
        return new Dl4jNetwork(spec, network, exampleShape);
    }

    /** The spec this network was built from. */
    public ModelSpec spec() {
        return spec;
    }

    /** Trainable parameters as DL4J counts them, less batch normalization's running mean and variance. */
    public long trainableParams() {
        long runningStats = network.paramTable().entrySet().stream()
                .filter(e -> e.getKey().endsWith("_" + BatchNormalizationParamInitializer.GLOBAL_MEAN)
                        || e.getKey().endsWith("_" + BatchNormalizationParamInitializer.GLOBAL_VAR)
                        || e.getKey().endsWith("_" + BatchNormalizationParamInitializer.GLOBAL_LOG_STD))
                .mapToLong(e -> e.getValue().length())
                .sum();
        return network.numParams() - runningStats;
    }

    /** One optimisation step on a batch; returns its mean binary cross-entropy per tag. */
    public double fit(Batch batch) {
        network.fit(new DataSet(features(batch), Nd4j.create(batch.labels(), batch.rows(), spec.tags())));
        // DL4J's XENT score is summed over the label columns.
        return network.score() / spec.tags();
    }

    /** Sigmoid outputs for a batch, one row per example. */
    public float[][] predict(Batch batch) {
        INDArray out = network.output(features(batch), false);
        return out.toFloatMatrix();
    }

    /** A copy of every parameter (including batch-norm statistics), to restore the best epoch later. */
    public INDArray snapshot() {
        return network.params().dup();
    }

    /** Restores parameters taken with {@link #snapshot()}. */
    public void restore(INDArray parameters) {
        network.setParams(parameters);
    }

    /** Sets the learning rate of every layer, keeping the optimizer's state. */
    public void setLearningRate(double lr) {
        network.setLearningRate(lr);
    }

    /** Continues with another optimizer (its state starts fresh), e.g. Adam then SGD. */
    public void useOptimizer(OptimizerConfig optimizer) {
        IUpdater updater = updater(optimizer);
        for (int i = 0; i < network.getnLayers(); i++) {
            if (network.getLayerWiseConfigurations().getConf(i).getLayer() instanceof BaseLayer layer) {
                layer.setIUpdater(updater.clone());
                layer.setBiasUpdater(updater.clone());
            }
        }
        network.setUpdater(null);
    }

    /** Seeds the random numbers of the next step (dropout), so that a resumed run draws what an unbroken one would. */
    public void seedStep(long seed) {
        Nd4j.getRandom().setSeed(seed);
    }

    /** Writes the network (configuration, parameters and, if asked, the optimizer's state) as a DL4J model zip. */
    public void write(OutputStream out, boolean withOptimizerState) throws IOException {
        ModelSerializer.writeModel(network, out, withOptimizerState);
    }

    /**
     * A network like this one (same spec and input) read from what {@link #write} wrote, with its optimizer state
     * when it holds one.
     */
    public Dl4jNetwork read(InputStream in) throws IOException {
        return new Dl4jNetwork(spec, ModelSerializer.restoreMultiLayerNetwork(in, true), exampleShape);
    }

    private static IUpdater updater(OptimizerConfig optimizer) {
        return switch (optimizer.name()) {
            case "adam" -> new Adam(optimizer.lr(), optimizer.beta1(), optimizer.beta2(), Adam.DEFAULT_ADAM_EPSILON);
            case "sgd" -> optimizer.momentum() > 0 ? new Nesterovs(optimizer.lr(), optimizer.momentum())
                    : new Sgd(optimizer.lr());
            default -> throw new IllegalArgumentException("no DL4J updater for optimizer " + optimizer.name());
        };
    }

    private INDArray features(Batch batch) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = batch.rows();
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        return Nd4j.create(batch.features(), shape, 'c');
    }
}
