package org.tagbench.engine.dl4j;

import org.tagbench.engine.Network;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
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
import org.tagbench.model.ModelWeights;
import org.tagbench.model.WeightArray;
import org.tagbench.model.WeightLayout;
import org.tagbench.model.WeightSlot;

/**
 * A {@link ModelSpec} built as a DL4J network. It eats log-mel chunks, or raw audio when built with the mel front
 * end inside.
 */
public final class Dl4jNetwork implements Network {
    private final ModelSpec spec;
    private final MultiLayerNetwork network;
    /** The shape of one example in {@link Batch#features()}: [1, n_mels, frames] of log-mel, or [samples] of audio. */
    private final long[] exampleShape;
    private final List<Dl4jWeight> weightMap;

    private Dl4jNetwork(ModelSpec spec, MultiLayerNetwork network, long[] exampleShape, List<Dl4jWeight> weightMap) {
        this.spec = spec;
        this.network = network;
        this.exampleShape = exampleShape;
        this.weightMap = weightMap;
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
        List<Dl4jWeight> weightMap = Dl4jLayers.append(layers, spec.layers());
        layers.setInputType(input);
        MultiLayerNetwork network = new MultiLayerNetwork(layers.build());
        network.init();
        return new Dl4jNetwork(spec, network, exampleShape, weightMap);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    /** DL4J's parameter count less batch normalization's running mean and variance. */
    @Override
    public long trainableParams() {
        long runningStats = network.paramTable().entrySet().stream()
                .filter(e -> e.getKey().endsWith("_" + BatchNormalizationParamInitializer.GLOBAL_MEAN)
                        || e.getKey().endsWith("_" + BatchNormalizationParamInitializer.GLOBAL_VAR)
                        || e.getKey().endsWith("_" + BatchNormalizationParamInitializer.GLOBAL_LOG_STD))
                .mapToLong(e -> e.getValue().length())
                .sum();
        return network.numParams() - runningStats;
    }

    @Override
    public double fit(Batch batch) {
        DataSet step = new DataSet(features(batch), Nd4j.create(batch.labels(), batch.rows(), spec.tags()));
        SameDiffPrints.during(() -> network.fit(step));
        // DL4J's XENT score is summed over the label columns.
        return network.score() / spec.tags();
    }

    @Override
    public float[][] predict(Batch batch) {
        INDArray out = network.output(features(batch), false);
        return out.toFloatMatrix();
    }

    @Override
    public ModelWeights weights() {
        Map<String, float[]> values = new HashMap<>();
        for (Dl4jWeight w : weightMap) {
            INDArray param = param(w);
            values.put(w.name(), (w.transposed() ? param.transpose() : param).dup('c').data().asFloat());
        }
        // DL4J keeps biases and batch-norm vectors as [1, n]: the layout's shapes drop that axis.
        Map<String, WeightArray> arrays = new LinkedHashMap<>();
        for (WeightSlot slot : WeightLayout.of(spec)) {
            arrays.put(slot.name(), new WeightArray(slot.shape(), values.get(slot.name())));
        }
        return new ModelWeights(arrays);
    }

    @Override
    public void load(ModelWeights weights) {
        weights.requireLayout(WeightLayout.of(spec));
        for (Dl4jWeight w : weightMap) {
            INDArray param = param(w);
            float[] values = weights.get(w.name()).values();
            long[] shape = w.transposed() ? new long[] {param.size(1), param.size(0)} : param.shape();
            INDArray canonical = Nd4j.create(values, shape, 'c');
            param.assign(w.transposed() ? canonical.transpose() : canonical);
        }
    }

    /**
     * Sets the rate in place on every layer's updater: the running optimizer reads its rate from these very
     * objects, so its state and layout stay as they are. (DL4J's own setter skips bias updaters and SameDiff layers
     * such as the GRU, and fails rebuilding the optimizer's state after {@link #useOptimizer}.)
     */
    @Override
    public void setLearningRate(double lr) {
        for (int i = 0; i < network.getnLayers(); i++) {
            Layer layer = network.getLayerWiseConfigurations().getConf(i).getLayer();
            for (IUpdater updater : updaters(layer)) {
                if (updater.hasLearningRate()) {
                    updater.setLrAndSchedule(lr, null);
                }
            }
        }
    }

    /** Gives every layer with parameters, SameDiff layers included, a fresh {@code optimizer} for all of them. */
    @Override
    public void useOptimizer(OptimizerConfig optimizer) {
        IUpdater updater = updater(optimizer);
        for (int i = 0; i < network.getnLayers(); i++) {
            Layer layer = network.getLayerWiseConfigurations().getConf(i).getLayer();
            // Biases follow the weights' updater, as they do in a network built with this optimizer.
            if (layer instanceof BaseLayer base) {
                base.setIUpdater(updater.clone());
                base.setBiasUpdater(null);
            } else if (layer instanceof AbstractSameDiffLayer sameDiff) {
                sameDiff.setUpdater(updater.clone());
                sameDiff.setBiasUpdater(null);
            }
        }
        network.setUpdater(null);
    }

    /** The updaters {@code layer} holds (none for a layer without parameters). */
    private static List<IUpdater> updaters(Layer layer) {
        List<IUpdater> all = new ArrayList<>();
        if (layer instanceof BaseLayer base) {
            all.add(base.getIUpdater());
            all.add(base.getBiasUpdater());
        } else if (layer instanceof AbstractSameDiffLayer sameDiff) {
            all.add(sameDiff.getUpdater());
            all.add(sameDiff.getBiasUpdater());
        }
        all.removeIf(Objects::isNull);
        return all;
    }

    @Override
    public void seedStep(long seed) {
        Nd4j.getRandom().setSeed(seed);
    }

    /** Writes the network (configuration, parameters and, if asked, the optimizer's state) as a DL4J model zip. */
    @Override
    public void write(OutputStream out, boolean withOptimizerState) throws IOException {
        ModelSerializer.writeModel(network, out, withOptimizerState);
    }

    @Override
    public Dl4jNetwork read(InputStream in) throws IOException {
        return new Dl4jNetwork(spec, ModelSerializer.restoreMultiLayerNetwork(in, true), exampleShape, weightMap);
    }

    /** ND4J frees its arrays when they are collected; nothing to release early. */
    @Override
    public void close() {
    }

    private INDArray param(Dl4jWeight w) {
        return network.getLayer(w.layer()).getParam(w.key());
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
