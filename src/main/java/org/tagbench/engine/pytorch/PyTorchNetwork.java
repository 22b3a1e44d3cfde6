package org.tagbench.engine.pytorch;

import org.tagbench.engine.Network;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDResource;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.engine.AudioInput;
import org.tagbench.engine.InitialWeights;
import org.tagbench.engine.LossForm;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.frontend.FrontEndWeights;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.SigmoidOutput;
import org.tagbench.model.WeightArray;
import org.tagbench.model.WeightLayout;
import org.tagbench.model.WeightSlot;

/**
 * A {@link ModelSpec} built as DJL blocks on libtorch ({@link PyTorchLayers}) under {@link TrainingConventions},
 * trained with mean binary cross-entropy from logits (under every convention: {@link LossForm#ENGINE_DEFAULT} is
 * that too on this engine), or the conventions' other objective ({@link #loss}), and a {@link PyTorchOptimizer}. It
 * eats log-mel chunks, or raw audio when built with the mel front end inside ({@link PyTorchMelFrontEnd}, run on the
 * network's device before its first layer; its mel filterbank is one more trainable array,
 * {@link FrontEndWeights#MEL_FILTERBANK}, when the features say {@code trainable}, and its DFT basis another,
 * {@link FrontEndWeights#DFT_BASIS}, with {@code trainable_dft}; the gradient stops there:
 * nothing upstream of audio learns). Each step's arrays live in
 * their own scope, closed when the step ends (libtorch memory is not the JVM's: without scopes it grows by
 * hundreds of MB per step); the weights and optimizer state live until {@link #close()}.
 */
public final class PyTorchNetwork implements Network {
    /** Mean over every batch x tag value of the binary cross-entropy computed stably from logits. */
    private static final Loss LOSS = Loss.sigmoidBinaryCrossEntropyLoss();

    private final ModelSpec spec;
    private final Engine engine;
    private final NDManager manager;
    private final Block block;
    private final PyTorchLayers layers;
    private final ParameterStore parameters;
    private final List<PyTorchWeight> weightMap;
    private final TrainingConventions conventions;
    /** What the network eats: log-mel, or audio turned into log-mel by its front end. */
    private final AudioInput audio;
    /** The front end of {@link #audio} with its constants in the network's manager; null for log-mel input. */
    private final PyTorchMelFrontEnd frontEnd;
    /** The front end's trainable filterbank [n_mels, bins]; null when the front end is fixed or absent. */
    private final Parameter filterbank;
    /** The front end's trainable DFT basis [n_fft, 2 bins]; null unless the features say {@code trainable_dft}. */
    private final Parameter dftBasis;
    private PyTorchOptimizer optimizer;

    private PyTorchNetwork(ModelSpec spec, Engine engine, NDManager manager, PyTorchLayers layers,
                           OptimizerConfig optimizer, TrainingConventions conventions, AudioInput audio) {
        this.spec = spec;
        this.engine = engine;
        this.conventions = conventions;
        this.manager = manager;
        this.layers = layers;
        this.block = layers.block();
        this.audio = audio;
        this.frontEnd = audio == null ? null : new PyTorchMelFrontEnd(audio.features(), audio.samples(), manager);
        boolean trainable = audio != null && audio.features().trainable();
        this.filterbank = trainable ? frontEndParameter(FrontEndWeights.MEL_FILTERBANK,
                FrontEndWeights.initialFilterbank(audio.features()), manager) : null;
        this.dftBasis = trainable && audio.features().trainableDft() ? frontEndParameter(FrontEndWeights.DFT_BASIS,
                FrontEndWeights.initialDftBasis(audio.features()), manager) : null;
        List<PyTorchWeight> all = new ArrayList<>(layers.weights());
        // Not decayed: they are front-end kernels, not weights of the spec's layers (DL4J's layer says the same).
        if (filterbank != null) {
            all.add(new PyTorchWeight(FrontEndWeights.MEL_FILTERBANK, filterbank, false));
        }
        if (dftBasis != null) {
            all.add(new PyTorchWeight(FrontEndWeights.DFT_BASIS, dftBasis, false));
        }
        this.weightMap = List.copyOf(all);
        this.parameters = new ParameterStore(manager, false);
        this.optimizer = newOptimizer(optimizer);
    }

    /** A trainable front-end array {@code name} starting as {@code initial}, taking gradients. */
    private static Parameter frontEndParameter(String name, WeightArray initial, NDManager manager) {
        NDArray array = manager.create(initial.values(), new Shape(Arrays.stream(initial.shape())
                .mapToLong(n -> n).toArray()));
        array.setRequiresGradient(true);
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optRequiresGrad(true).optArray(array).build();
    }

    /**
     * Builds the network for {@code spec} under {@code conventions}, trained with {@code optimizer}, with weights
     * drawn from {@code seed} (by libtorch's generator, as DJL's initialisers draw, where the conventions leave it to
     * the engine; else by {@link InitialWeights}); it eats log-mel chunks, {@link Batch#features()} as
     * [rows, n_mels, frames].
     */
    public static PyTorchNetwork build(ModelSpec spec, OptimizerConfig optimizer, TrainingConventions conventions,
                                       long seed) {
        return build(spec, optimizer, conventions, seed, null);
    }

    /**
     * As {@link #build(ModelSpec, OptimizerConfig, TrainingConventions, long)}, but the network eats {@code audio},
     * {@link Batch#features()} as [rows, samples], its log-mel computed on the network's device (log-mel chunks when
     * {@code audio} is null).
     */
    public static PyTorchNetwork build(ModelSpec spec, OptimizerConfig optimizer, TrainingConventions conventions,
                                       long seed, AudioInput audio) {
        Engine engine = Libtorch.engine();
        JniUtils.setSeed(seed);
        PyTorchNetwork network = initialised(spec, engine, optimizer, conventions, audio);
        try {
            if (!conventions.engineDraws()) {
                ModelWeights drawn = InitialWeights.draw(spec, conventions, seed);
                network.load(audio == null ? drawn : FrontEndWeights.withInitial(drawn, audio.features()));
            }
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /**
     * The blocks of {@code spec} with weights drawn from libtorch's generator as it stands, in a new manager, eating
     * {@code audio} (log-mel if null).
     */
    private static PyTorchNetwork initialised(ModelSpec spec, Engine engine, OptimizerConfig optimizer,
                                              TrainingConventions conventions, AudioInput audio) {
        NDManager manager = engine.newBaseManager();
        try {
            PyTorchLayers layers = PyTorchLayers.of(spec, conventions.batchNorm());
            layers.block().initialize(manager, DataType.FLOAT32, new Shape(1, 1, spec.melBands(), spec.frames()));
            return new PyTorchNetwork(spec, engine, manager, layers, optimizer, conventions, audio);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    /**
     * The parameters of the DJL block that take gradients (batch normalization's running statistics do not), and a
     * trainable front end's filterbank and DFT basis.
     */
    @Override
    public long trainableParams() {
        return block.getParameters().values().stream()
                .filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getArray().size())
                .sum() + (filterbank == null ? 0 : filterbank.getArray().size())
                + (dftBasis == null ? 0 : dftBasis.getArray().size());
    }

    @Override
    public double fit(Batch batch) {
        try (NDManager step = stepScope()) {
            NDArray labels = step.create(batch.labels(), new Shape(batch.rows(), spec.tags()));
            float loss;
            try (GradientCollector collector = engine.newGradientCollector()) {
                // Inside the recording, for a trainable filterbank's gradient; a fixed front end records nothing.
                NDArray features = features(step, batch);
                NDArray logits = block.forward(parameters, new NDList(features), true).singletonOrThrow();
                NDArray mean = loss(logits, labels);
                collector.backward(mean);
                loss = mean.getFloat();
            }
            optimizer.update(step);
            return loss;
        }
    }

    @Override
    public float[][] predict(Batch batch) {
        try (NDManager step = stepScope()) {
            NDArray logits = block.forward(parameters, new NDList(features(step, batch)), false).singletonOrThrow();
            NDArray outputs = conventions.softmaxOutputs() ? logits.softmax(1) : Activation.sigmoid(logits);
            return rows(outputs.toFloatArray(), batch.rows());
        }
    }

    /**
     * The mean loss of a batch: binary cross-entropy per value; cross-entropy per row, -sum(z log softmax(x)) with
     * libtorch's stable log-softmax (torch.nn.CrossEntropyLoss with probability targets); or the squared error of
     * sigmoid(x) per value (torch.nn.MSELoss on the sigmoid outputs).
     */
    private NDArray loss(NDArray logits, NDArray labels) {
        return switch (conventions.objective()) {
            case BCE -> LOSS.evaluate(new NDList(labels), new NDList(logits));
            case CROSS_ENTROPY -> logits.logSoftmax(1).mul(labels).sum(new int[] {1}).neg().mean();
            case MSE -> Activation.sigmoid(logits).sub(labels).square().mean();
        };
    }

    /**
     * Runs the blocks through spec layer {@code layer}, in inference mode; the output layer's are the predictions (the
     * block ends in logits).
     */
    @Override
    public float[][] layerOutputs(Batch batch, int layer) {
        if (spec.layers().get(layer) instanceof SigmoidOutput) {
            return predict(batch);
        }
        try (NDManager step = stepScope()) {
            NDList x = layers.through(parameters, new NDList(features(step, batch)), layer);
            return rows(x.singletonOrThrow().toFloatArray(), batch.rows());
        }
    }

    /** {@code flat}, row-major values of {@code n} examples, as one row per example. */
    private static float[][] rows(float[] flat, int n) {
        int width = flat.length / n;
        float[][] rows = new float[n][width];
        for (int r = 0; r < n; r++) {
            System.arraycopy(flat, r * width, rows[r], 0, width);
        }
        return rows;
    }

    @Override
    public ModelWeights weights() {
        Map<String, WeightArray> arrays = new LinkedHashMap<>();
        // Layout order: the spec's arrays, then the front end's (weightMap lists them so).
        for (PyTorchWeight w : weightMap) {
            arrays.put(w.name(), weightArray(w.parameter().getArray()));
        }
        return new ModelWeights(arrays);
    }

    @Override
    public void load(ModelWeights weights) {
        weights.requireLayout(layout());
        for (PyTorchWeight w : weightMap) {
            overwrite(w.parameter().getArray(), weights.get(w.name()).values());
        }
    }

    /** The arrays of this network: the spec's, then a trainable front end's. */
    private List<WeightSlot> layout() {
        return audio == null ? WeightLayout.of(spec) : FrontEndWeights.layout(spec, audio.features());
    }

    @Override
    public void setLearningRate(double lr) {
        optimizer.setLearningRate(lr);
    }

    @Override
    public void useOptimizer(OptimizerConfig config) {
        optimizer.arrays().forEach(NDArray::close);
        optimizer = newOptimizer(config);
    }

    /** Seeds libtorch's CPU generator (and CUDA's), which dropout draws from; it is global to the process. */
    @Override
    public void seedStep(long seed) {
        JniUtils.setSeed(seed);
    }

    /** Writes the weights and, if asked, the optimizer's state as a {@link PyTorchNetworkFile}. */
    @Override
    public void write(OutputStream out, boolean withOptimizerState) throws IOException {
        try (NDManager scope = manager.newSubManager()) {
            NDList weights = new NDList();
            weightMap.forEach(w -> weights.add(named(w.parameter().getArray(), w.name(), scope)));
            NDList state = null;
            if (withOptimizerState) {
                state = new NDList();
                for (Map.Entry<String, NDArray> e : optimizer.state().entrySet()) {
                    state.add(named(e.getValue(), e.getKey(), scope));
                }
            }
            PyTorchNetworkFile.write(out, spec, conventions.name(), optimizer.config(), optimizer.steps(), weights,
                    state);
        }
    }

    /**
     * A new network of this spec and conventions with the weights (and the optimizer and its state, if saved) that
     * were written.
     */
    @Override
    public PyTorchNetwork read(InputStream in) throws IOException {
        PyTorchNetworkFile saved = PyTorchNetworkFile.read(in, spec, conventions.name());
        PyTorchNetwork network = initialised(spec, engine, saved.optimizer(), conventions, audio);
        try {
            network.load(saved.weights());
            if (saved.hasOptimizerState()) {
                network.optimizer.restore(saved.optimizerState(), saved.optimizerSteps());
            }
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    /** A fresh optimizer over the arrays of the block that take gradients, in layout order. */
    private PyTorchOptimizer newOptimizer(OptimizerConfig config) {
        List<PyTorchWeight> trainable = weightMap.stream().filter(w -> w.parameter().requiresGradient()).toList();
        return new PyTorchOptimizer(config, conventions.adam(), trainable, manager);
    }

    /**
     * A step's scope: every array made during the step lands in it and is freed when it closes. The weights and
     * optimizer state are attached to it for the step (and returned after), so that arithmetic starting from them
     * (and their gradients) lands there too, not in the network's manager. Gradient recording is off outside the
     * collector whatever thread this runs on (libtorch's grad mode is per thread).
     */
    private NDManager stepScope() {
        JniUtils.setGradMode(false);
        NDManager step = manager.newSubManager();
        step.tempAttachAll(Stream.concat(weightMap.stream().map(w -> w.parameter().getArray()),
                optimizer.arrays().stream()).toArray(NDResource[]::new));
        return step;
    }

    /** A copy of {@code array} in {@code scope}, named {@code name}. */
    private static NDArray named(NDArray array, String name, NDManager scope) {
        NDArray copy = array.duplicate();
        copy.attach(scope);
        copy.setName(name);
        return copy;
    }

    /** The batch's log-mel on the network's device, [rows, 1, n_mels, frames], computed there from audio if fed it. */
    private NDArray features(NDManager step, Batch batch) {
        Shape image = new Shape(batch.rows(), 1, spec.melBands(), spec.frames());
        if (frontEnd == null) {
            return step.create(batch.features(), image);
        }
        NDArray signals = step.create(batch.features(), new Shape(batch.rows(), audio.samples()));
        return (filterbank == null ? frontEnd.compute(signals) : frontEnd.compute(signals, filterbank.getArray(),
                dftBasis == null ? null : dftBasis.getArray())).reshape(image);
    }

    /** Copies {@code values} into {@code array} in place (see {@link #overwrite(NDArray, NDArray)}). */
    static void overwrite(NDArray array, float[] values) {
        try (NDManager scope = array.getManager().newSubManager()) {
            overwrite(array, scope.create(values, array.getShape()));
        }
    }

    /**
     * Copies {@code values} into {@code array} in place, with gradient recording off. Not DJL's
     * {@code NDArray.set(float[])}: it swaps the tensor's storage inside libtorch's deprecated AutoNonVariableTypeMode,
     * which makes libtorch print its "silent wrong result" warning once per process; an index_put_ over the whole
     * array ("...") is an ordinary in-place copy.
     */
    static void overwrite(NDArray array, NDArray values) {
        JniUtils.setGradMode(false);
        array.set(new NDIndex("..."), values);
    }

    /** A float32 array's values and shape, copied out of libtorch. */
    static WeightArray weightArray(NDArray array) {
        int[] shape = Arrays.stream(array.getShape().getShape()).mapToInt(Math::toIntExact).toArray();
        return new WeightArray(shape, array.toFloatArray());
    }
}
