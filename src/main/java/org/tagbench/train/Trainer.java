package org.tagbench.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.tagbench.config.ConfigException;
import org.tagbench.config.EarlyStoppingConfig;
import org.tagbench.config.TrainingConfig;
import org.tagbench.data.Batch;
import org.tagbench.data.pipeline.BatchStream;
import org.tagbench.data.pipeline.OrderedPrefetch;
import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.engine.Network;
import org.tagbench.model.ModelWeights;
import org.tagbench.progress.Progress;

/**
 * The training loop: epochs of random crops, validation after each epoch, the learning-rate schedule, early
 * stopping, and a checkpoint after every epoch (and every {@code checkpoint_steps} steps) from which an
 * interrupted run continues exactly. The best epoch's weights (by the early-stopping monitor) are the model.
 */
public final class Trainer {
    /** The longest learning rate written out in full in an error; a longer one is given with an exponent. */
    private static final int PLAIN_DIGITS = 12;
    private final TrainingConfig training;
    private final BatchStream stream;
    private final Evaluator evaluator;
    private final long seed;
    private final Checkpoints checkpoints;
    private final LearningRateSchedule schedule;
    private final PrintStream out;
    private final EpochListener listener;
    private final LongSupplier nanoTime;

    /**
     * A trainer drawing batches from {@code stream}, validating with {@code evaluator}, saving to {@code checkpoints},
     * printing a summary line per epoch to {@code out} (the run's report; the progress bar goes to stderr) and telling
     * {@code listener} of each epoch.
     */
    public Trainer(TrainingConfig training, BatchStream stream, Evaluator evaluator, long seed, Checkpoints checkpoints,
                   PrintStream out, EpochListener listener) {
        this(training, stream, evaluator, seed, checkpoints, out, listener, System::nanoTime);
    }

    /** As above, timing epochs with {@code nanoTime} (tests give a clock of their own). */
    Trainer(TrainingConfig training, BatchStream stream, Evaluator evaluator, long seed, Checkpoints checkpoints,
            PrintStream out, EpochListener listener, LongSupplier nanoTime) {
        this.training = training;
        this.stream = stream;
        this.evaluator = evaluator;
        this.seed = seed;
        this.checkpoints = checkpoints;
        this.schedule = new LearningRateSchedule(training.schedule(), training.optimizer());
        this.out = out;
        this.listener = listener;
        this.nanoTime = nanoTime;
    }

    /** The state before the first step of a new run that started at {@code started}. */
    public TrainingState start(Instant started) {
        return TrainingState.start(schedule.initial(), started);
    }

    /**
     * Trains {@code network} from {@code from} (a new run's {@link #start} or a checkpoint's state) and leaves
     * it holding the best epoch's weights; the epochs, and the best epoch's validation if this call ran it.
     */
    public FitResult fit(Network network, List<Track> train, List<Track> valid, TrainingState from) {
        TrainingState state = from;
        ModelWeights best = state.bestEpoch() > 0 ? bestWeights(network) : null;
        Evaluation bestValidation = null;
        while (state.epoch() <= training.maxEpochs() && !stopsEarly(state)) {
            EpochClock clock = new EpochClock(state.epochSeconds(), nanoTime);
            state = trainEpoch(network, train, state, clock);
            Evaluation validation = validate(network, valid, state);
            EpochRecord record = new EpochRecord(state.epoch(), state.epochLossSum() / state.epochSteps(),
                    validation.loss(), validation.metrics().rocAucMacro(), validation.metrics().prAucMacro(),
                    state.rate().lr(), clock.seconds(), clock.clipsPerSecond());
            double score = monitored(validation);
            boolean improved = state.bestEpoch() == 0 || score > state.bestScore();
            if (improved) {
                best = network.weights();
                bestValidation = validation;
                checkpoints.saveBest(network);
            }
            LearningRateSchedule.Change change = schedule.afterEpoch(state.rate(), improved);
            String note = apply(network, state.rate(), change, best);
            out.printf(Locale.ROOT, "epoch %d: train loss %.4f  val loss %.4f  val ROC-AUC %.4f  %.1f s%s%n",
                    record.epoch(), record.trainLoss(), record.validLoss(), record.validRocAuc(), record.seconds(),
                    note);
            state = state.afterEpoch(record, improved, score, change.next());
            checkpoints.save(network, state);
            listener.epochEnded(record);
        }
        if (stopsEarly(state) && state.epoch() <= training.maxEpochs()) {
            out.printf("early stop: no better validation %s for %d epochs%n",
                    training.earlyStopping().monitor(), state.epochsSinceBest());
        }
        network.load(best);
        return new FitResult(new TrainingOutcome(state.epochs(), state.bestEpoch()),
                Optional.ofNullable(bestValidation));
    }

    /**
     * One epoch's steps from where {@code from} stands. A step's checkpoint is written once the next step's loss
     * shows that its weights are finite, so that the checkpoint a diverged run leaves is one to go on from.
     */
    private TrainingState trainEpoch(Network network, List<Track> train, TrainingState from, EpochClock clock) {
        TrainingState state = from;
        Checkpoints.Snapshot unproven = null;
        String label = String.format(Locale.ROOT, "epoch %d/%d", state.epoch(), training.maxEpochs());
        try (Progress progress = Progress.start(label, train.size(), "clips");
             OrderedPrefetch<Batch> batches = stream.trainingEpoch(train, training.batchSize(), seed, state.epoch(),
                     state.batchesDone())) {
            progress.advance(Math.min(train.size(), (long) state.batchesDone() * training.batchSize()));
            while (batches.hasNext()) {
                Batch batch = batches.next();
                if (batch.rows() == 0) {
                    state = state.afterEmptyBatch();
                    continue;
                }
                network.seedStep(seed * 1_000_003L + state.globalStep());
                double loss = network.fit(batch);
                if (!Double.isFinite(loss)) {
                    throw diverged("training loss is " + loss + " at epoch " + state.epoch() + " step "
                            + (state.batchesDone() + 1), state);
                }
                if (unproven != null) {
                    checkpoints.save(unproven);
                    unproven = null;
                }
                state = state.afterStep(loss);
                clock.trained(batch.rows());
                progress.status(String.format(Locale.ROOT, "loss %.4f", state.epochLossSum() / state.epochSteps()));
                progress.advance(batch.rows());
                if (training.checkpointSteps() > 0 && state.globalStep() % training.checkpointSteps() == 0) {
                    unproven = checkpoints.snapshot(network, state.timed(clock.seconds()));
                }
            }
        }
        if (state.epochSteps() == 0) {
            throw stream.skipped().noUsableTracks(Split.TRAIN);
        }
        return state;
    }

    private Evaluation validate(Network network, List<Track> valid, TrainingState state) {
        try {
            return evaluator.evaluate(network, valid);
        } catch (NonFiniteOutputs e) {
            throw diverged("validation outputs are NaN after epoch " + state.epoch(), state);
        }
    }

    /**
     * A diverged run, in one line: what went non-finite where, and how to go on from the last good checkpoint at a
     * tenth of the rate in use.
     */
    private ConfigException diverged(String what, TrainingState state) {
        double lr = state.rate().lr();
        return new ConfigException("training.optimizer.lr", what + " (lr " + number(lr) + "); go on from the last "
                + "good checkpoint at a lower rate: tagbench run --resume " + checkpoints.folder()
                + " --set training.optimizer.lr=" + number(lr / 10));
    }

    private static String number(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).round(new MathContext(3)).stripTrailingZeros();
        // 0.0001 reads better than 1E-4, but 1e308 would be 309 digits.
        String plain = rounded.toPlainString();
        return plain.length() <= PLAIN_DIGITS ? plain : rounded.toString();
    }

    /** Applies a schedule change to the network; a note for the epoch line (empty when nothing changed). */
    private String apply(Network network, LearningRate before, LearningRateSchedule.Change change, ModelWeights best) {
        LearningRate after = change.next();
        if (change.reloadBest()) {
            network.load(best);
        }
        if (!after.optimizer().equals(before.optimizer())) {
            network.useOptimizer(schedule.optimizer(after));
        } else if (after.lr() != before.lr()) {
            network.setLearningRate(after.lr());
        } else {
            return "";
        }
        return String.format(Locale.ROOT, "  -> %s lr %.2g%s", after.optimizer(), after.lr(),
                change.reloadBest() ? " from the best epoch's weights" : "");
    }

    private double monitored(Evaluation validation) {
        return training.earlyStopping().monitor().equals("loss") ? -validation.loss()
                : validation.metrics().rocAucMacro();
    }

    private boolean stopsEarly(TrainingState state) {
        EarlyStoppingConfig early = training.earlyStopping();
        return early.patience() > 0 && state.epochsSinceBest() >= early.patience();
    }

    private ModelWeights bestWeights(Network network) {
        try {
            return checkpoints.bestWeights(network);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the best model in " + checkpoints.folder(), e);
        }
    }

    /**
     * Seconds spent on an epoch (those before the checkpoint it goes on from, and those since this clock started), and
     * the clips trained since it started with the time their training took.
     */
    private static final class EpochClock {
        private final double before;
        private final long startNanos;
        private final LongSupplier nanoTime;
        private long clips;
        private long trainingNanos;

        EpochClock(double before, LongSupplier nanoTime) {
            this.before = before;
            this.nanoTime = nanoTime;
            this.startNanos = nanoTime.getAsLong();
        }

        /** {@code rows} more clips trained, their steps ending now. */
        void trained(int rows) {
            clips += rows;
            trainingNanos = nanoTime.getAsLong() - startNanos;
        }

        double seconds() {
            return before + (nanoTime.getAsLong() - startNanos) / 1e9;
        }

        /** Training clips per second of this clock's steps; NaN when it timed none. */
        double clipsPerSecond() {
            return trainingNanos > 0 ? clips / (trainingNanos / 1e9) : Double.NaN;
        }
    }
}
