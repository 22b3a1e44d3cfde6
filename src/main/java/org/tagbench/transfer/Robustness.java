package org.tagbench.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.tagbench.audio.PcmSource;
import org.tagbench.audio.ResampleNote;
import org.tagbench.config.ExperimentConfig;
import org.tagbench.config.PipelineConfig;
import org.tagbench.data.DatasetException;
import org.tagbench.data.Split;
import org.tagbench.data.Track;
import org.tagbench.data.pipeline.BatchStream;
import org.tagbench.data.readers.DatasetIndex;
import org.tagbench.experiment.RunModel;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.progress.Progress;
import org.tagbench.results.RobustnessRow;
import org.tagbench.train.Evaluator;

/**
 * A model's test split evaluated clean and under each perturbation at each strength, as {@code tagbench eval}
 * evaluates it (the run's chunks per track, batch size, input workers and audio source), the clean row included so
 * that every other row reads against it. Audio at another rate than the model eats is resampled, said once per rate.
 */
public final class Robustness {
    private final RunModel model;
    private final long seed;
    private final Consumer<String> notes;

    /**
     * Evaluates {@code model} on its config's dataset; noise is drawn from {@code seed}; {@code notes} hears that
     * audio is resampled.
     */
    public Robustness(RunModel model, long seed, Consumer<String> notes) {
        this.model = model;
        this.seed = seed;
        this.notes = notes;
    }

    /** The clean row, then one row per strength of each sweep in the order given; a bar counts the evaluations. */
    public List<RobustnessRow> evaluate(List<PerturbationSweep> sweeps) {
        ExperimentConfig config = model.config();
        int sampleRate = config.features().sampleRate();
        DatasetIndex dataset = DatasetIndex.open(config.data(), config.features());
        List<Track> tracks = dataset.index().split(Split.TEST);
        if (tracks.isEmpty()) {
            throw new DatasetException("the test split of " + dataset.root() + " has no tracks");
        }
        if (!dataset.index().vocabulary().equals(model.vocabulary())) {
            throw new DatasetException(dataset.root() + " has tags " + dataset.index().vocabulary().tags()
                    + ", the model scores " + model.vocabulary().tags() + " (expected the dataset it was trained on)");
        }
        PcmSource clean = PcmSource.of(config.pipeline(), new ResampleNote("the model", sampleRate, notes));
        int total = 1 + sweeps.stream().mapToInt(s -> s.strengths().size()).sum();
        List<RobustnessRow> rows = new ArrayList<>();
        try (Progress progress = Progress.start("robustness", total, "evaluations")) {
            progress.status(RobustnessRow.CLEAN);
            rows.add(RobustnessRow.clean(evaluate(clean, tracks)));
            progress.step();
            for (PerturbationSweep sweep : sweeps) {
                PerturbationKind kind = sweep.kind();
                for (double strength : sweep.strengths()) {
                    progress.status(kind.key() + " " + kind.parameter() + "=" + PerturbationKind.shown(strength));
                    PcmSource perturbed = new PerturbedAudio(clean, kind, strength, seed, sampleRate);
                    rows.add(new RobustnessRow(kind.key(), kind.parameter(), strength, evaluate(perturbed, tracks)));
                    progress.step();
                }
            }
        }
        return rows;
    }

    private TagMetrics evaluate(PcmSource audio, List<Track> tracks) {
        PipelineConfig pipeline = model.config().pipeline();
        try (BatchStream stream = new BatchStream(model.features(), model.chunkSamples(), audio, pipeline.threads(),
                pipeline.prefetch())) {
            return new Evaluator(stream, model.config().eval().chunks(), model.config().training().batchSize(),
                    model.vocabulary()).evaluate(model.network(), tracks).metrics();
        }
    }
}
