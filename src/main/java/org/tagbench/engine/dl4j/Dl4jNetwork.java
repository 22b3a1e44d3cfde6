package org.tagbench.engine.dl4j;

import org.tagbench.engine.AudioInput;
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
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.LossName;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.engine.AdamConvention;
import org.tagbench.engine.BatchNormConvention.RunningVariance;
import org.tagbench.engine.InitialWeights;
import org.tagbench.engine.LossForm;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.frontend.FrontEndWeights;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.SigmoidOutput;
import org.tagbench.model.TimeBatchNorm;
import org.tagbench.model.WeightArray;
import org.tagbench.model.WeightLayout;
import org.tagbench.model.WeightSlot;

/**
 * A {@link ModelSpec} built as a DL4J network under {@link TrainingConventions}. It eats log-mel chunks, or raw
 * audio when built with the mel front end inside. Where DL4J's own layers differ from a convention, this class
 * makes up the difference: a running variance fed the unbiased batch variance (DL4J feeds the biased one) is
 * corrected after each step, the loss from logits is {@link LogitBinaryCrossEntropy} (the network then outputs
 * logits, and {@link #predict} the sigmoid), and Adam with PyTorch's epsilon is {@link BiasCorrectedAdam}.
 */
public final class Dl4jNetwork implements Network {
    private final ModelSpec spec;
    private final Dl4jModel network;
    /** The shape of one example in {@link Batch#features()}: [1, n_mels, frames] of log-mel, or [samples] of audio. */
    private final long[] exampleShape;
    private final List<Dl4jWeight> weightMap;
    /** The network's arrays: the spec's, then a trainable front end's. */
    private final List<WeightSlot> layout;
    private final List<Dl4jBatchNorm> batchNorms;
    private final TrainingConventions conventions;

    private Dl4jNetwork(ModelSpec spec, Dl4jModel network, long[] exampleShape, List<Dl4jWeight> weightMap,
                        List<WeightSlot> layout, List<Dl4jBatchNorm> batchNorms, TrainingConventions conventions) {
        this.spec = spec;
        this.network = network;
        this.exampleShape = exampleShape;
        this.weightMap = weightMap;
        this.layout = layout;
        this.batchNorms = batchNorms;
        this.conventions = conventions;
    }

    /**
     * Builds and initialises the network for {@code spec} under {@code conventions}, trained with binary
     * cross-entropy and {@code optimizer}, its weights drawn from {@code seed} (by DL4J where the conventions leave
     * it to the engine, else by {@link InitialWeights}); it eats log-mel chunks, {@link Batch#features()} as
     * [rows, n_mels, frames].
     */
    public static Dl4jNetwork build(ModelSpec spec, OptimizerConfig optimizer, TrainingConventions conventions,
                                    long seed) {
        return withSpecLayers(configuration(optimizer, conventions, seed), null, spec, conventions, seed,
                InputType.convolutional(spec.melBands(), spec.frames(), 1),
                new long[] {1, spec.melBands(), spec.frames()});
    }

    /**
     * As {@link #build(ModelSpec, OptimizerConfig, TrainingConventions, long)}, but the network eats raw mono audio,
     * {@link Batch#features()} as [rows, samples]: a {@link MelFrontEndLayer} of {@code features} before the spec's
     * layers computes the log-mel, whose shape must be the spec's input; its filterbank is the last array of the
     * network's weights when the features say {@code trainable}.
     */
    public static Dl4jNetwork build(ModelSpec spec, OptimizerConfig optimizer, TrainingConventions conventions,
                                    long seed, FeatureConfig features, int samples) {
        AudioInput.of(spec, features, samples);
        return withSpecLayers(configuration(optimizer, conventions, seed), features, spec, conventions, seed,
                InputType.feedForward(samples), new long[] {samples});
    }

    private static NeuralNetConfiguration.Builder configuration(OptimizerConfig optimizer,
                                                                TrainingConventions conventions, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .updater(updater(optimizer, conventions.adam()))
                .l2(optimizer.weightDecay())
                .l2Bias(optimizer.weightDecay())
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                // Without the cache a convolution's backward pass redoes its forward im2col and product: the cache
                // makes steps 8-38% faster for 7-13% more peak memory (docs/benchmarks.md, "DL4J forward cache").
                .cacheMode(CacheMode.DEVICE);
    }

    /**
     * Builds the mel front end of {@code features} (none if null) then the spec's layers, eating {@code input},
     * under {@code configuration}: a chain as a stack, a graph as a graph; and initialises it all.
     */
    private static Dl4jNetwork withSpecLayers(NeuralNetConfiguration.Builder configuration, FeatureConfig features,
                                              ModelSpec spec, TrainingConventions conventions, long seed,
                                              InputType input, long[] exampleShape) {
        List<Layer> leading = features == null ? List.of() : List.of(new MelFrontEndLayer(features));
        Dl4jLayers layers = Dl4jLayers.of(spec, conventions, leading);
        Dl4jModel network = layers.graph() ? Dl4jGraph.build(configuration, layers, spec, input)
                : Dl4jStack.build(configuration, layers, input);
        List<Dl4jWeight> weightMap = new ArrayList<>(layers.weights());
        List<WeightSlot> layout = WeightLayout.of(spec);
        if (features != null && features.trainable()) {
            // The front end is layer 0, ahead of the spec's layers.
            weightMap.add(new Dl4jWeight(FrontEndWeights.MEL_FILTERBANK, 0, TrainableFrontEndParams.FILTERBANK,
                    false));
            if (features.trainableDft()) {
                weightMap.add(new Dl4jWeight(FrontEndWeights.DFT_BASIS, 0, TrainableFrontEndParams.DFT_BASIS, false));
            }
            layout = FrontEndWeights.layout(spec, features);
        }
        Dl4jNetwork built = new Dl4jNetwork(spec, network, exampleShape, List.copyOf(weightMap), layout,
                layers.batchNorms(), conventions);
        if (!conventions.engineDraws()) {
            ModelWeights drawn = InitialWeights.draw(spec, conventions, seed);
            built.load(features == null ? drawn : FrontEndWeights.withInitial(drawn, features));
        }
        return built;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    /** DL4J's parameter count (a trainable filterbank's included) less batch normalization's running statistics. */
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
        List<INDArray> runningVariances = conventions.batchNorm().runningVariance() == RunningVariance.BIASED
                ? List.of() : batchNorms.stream().map(bn -> runningVariance(bn).dup()).toList();
        DataSet step = new DataSet(features(batch), Nd4j.create(batch.labels(), batch.rows(), spec.tags()));
        SameDiffPrints.during(() -> network.fit(step));
        for (int i = 0; i < runningVariances.size(); i++) {
            feedUnbiased(batchNorms.get(i), runningVariances.get(i), batch.rows());
        }
        // DL4J's XENT score is summed over the label columns; LogitBinaryCrossEntropy's is their mean.
        return conventions.objective() == LossName.BCE && conventions.loss() == LossForm.ENGINE_DEFAULT
                ? network.score() / spec.tags() : network.score();
    }

    /**
     * DL4J fed {@code bn}'s running variance the biased batch variance: running = kept * before + (1 - kept) *
     * biased. This makes it kept * before + (1 - kept) * biased * n / (n - 1), n values per feature in the batch. A
     * batch of one value per feature has variance 0 either way.
     */
    private void feedUnbiased(Dl4jBatchNorm bn, INDArray before, int rows) {
        long n = rows * bn.valuesPerExample();
        if (n == 1) {
            return;
        }
        double kept = conventions.batchNorm().keptShare();
        INDArray running = runningVariance(bn);
        INDArray keptPart = before.muli(kept);
        running.assign(running.sub(keptPart).muli(RunningVariance.UNBIASED.fromBiased(n)).addi(keptPart));
    }

    private INDArray runningVariance(Dl4jBatchNorm bn) {
        return network.layer(bn.layer()).getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
    }

    /**
     * Sigmoid (or, for cross-entropy, softmax) outputs, which the network computes itself unless it outputs logits
     * (trained from logits).
     */
    @Override
    public float[][] predict(Batch batch) {
        INDArray out = network.output(features(batch));
        if (conventions.softmaxOutputs()) {
            return Transforms.softmax(out, false).toFloatMatrix();
        }
        boolean logits = conventions.objective() == LossName.BCE && conventions.loss() == LossForm.LOGITS;
        return (logits ? Transforms.sigmoid(out, false) : out).toFloatMatrix();
    }

    /**
     * The activations of the spec layer's last DL4J layer (or join vertex); a per-frame batch norm's in a stack are
     * swapped back from time as channels ({@link TimeAsChannels}) into the spec's [channels, bands, frames] (a
     * graph's node swaps them back itself); the output layer's are the predictions (it may put out logits).
     */
    @Override
    public float[][] layerOutputs(Batch batch, int layer) {
        if (spec.layers().get(layer) instanceof SigmoidOutput) {
            return predict(batch);
        }
        INDArray out = network.nodeOutput(features(batch), layer);
        if (spec.layers().get(layer) instanceof TimeBatchNorm && spec.isChain()) {
            out = out.permute(0, 3, 2, 1);
        }
        return out.dup('c').reshape(batch.rows(), out.length() / batch.rows()).toFloatMatrix();
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
        for (WeightSlot slot : layout) {
            arrays.put(slot.name(), new WeightArray(slot.shape(), values.get(slot.name())));
        }
        return new ModelWeights(arrays);
    }

    @Override
    public void load(ModelWeights weights) {
        weights.requireLayout(layout);
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
        for (org.deeplearning4j.nn.api.Layer built : network.layers()) {
            // A built layer's configuration is the very object the network's configuration holds.
            Layer layer = built.conf().getLayer();
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
        IUpdater updater = updater(optimizer, conventions.adam());
        for (org.deeplearning4j.nn.api.Layer built : network.layers()) {
            Layer layer = built.conf().getLayer();
            // Biases follow the weights' updater, as they do in a network built with this optimizer.
            if (layer instanceof BaseLayer base) {
                base.setIUpdater(updater.clone());
                base.setBiasUpdater(null);
            } else if (layer instanceof AbstractSameDiffLayer sameDiff) {
                sameDiff.setUpdater(updater.clone());
                sameDiff.setBiasUpdater(null);
            }
        }
        network.resetUpdater();
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

    /**
     * Writes the network (configuration, parameters and, if asked, the optimizer's state) as a DL4J model zip: a
     * MultiLayerNetwork for a chain, a ComputationGraph for a graph.
     */
    @Override
    public void write(OutputStream out, boolean withOptimizerState) throws IOException {
        network.write(out, withOptimizerState);
    }

    /** A network of this spec and conventions read from what {@link #write} wrote. */
    @Override
    public Dl4jNetwork read(InputStream in) throws IOException {
        return new Dl4jNetwork(spec, network.read(in), exampleShape, weightMap, layout, batchNorms, conventions);
    }

    /** ND4J frees its arrays when they are collected; nothing to release early. */
    @Override
    public void close() {
    }

    private INDArray param(Dl4jWeight w) {
        return network.layer(w.layer()).getParam(w.key());
    }

    /** DL4J's updater for {@code optimizer}, Adam's epsilon placed as {@code adam} says. */
    static IUpdater updater(OptimizerConfig optimizer, AdamConvention adam) {
        return switch (optimizer.name()) {
            case "adam" -> adam.placement() == AdamConvention.Placement.EFFICIENT
                    ? new Adam(optimizer.lr(), optimizer.beta1(), optimizer.beta2(), adam.epsilon())
                    : new BiasCorrectedAdam(optimizer.lr(), optimizer.beta1(), optimizer.beta2(), adam.epsilon());
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
