package org.tagbench.bench;

import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.engine.Engine;
import org.tagbench.engine.Network;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.model.ModelSpec;

/**
 * Seconds per training step (forward, binary cross-entropy, backward, Adam at 0.001) of one network on one engine,
 * on a fixed random batch, after untimed warm-up steps, and the process's peak resident memory afterwards. Run
 * one per process, so that the peak is this network's (scripts/bench_engines.sh starts a JVM per row).
 */
public record StepBenchmark(Engine engine, ModelSpec spec, int batch, int warmup, int steps) {

    /** Checks the counts. */
    public StepBenchmark {
        if (batch < 1 || warmup < 0 || steps < 1) {
            throw new IllegalArgumentException("batch " + batch + ", warmup " + warmup + ", steps " + steps
                    + ": expected batch and steps >= 1, warmup >= 0");
        }
    }

    /** Builds the network, trains it for the warm-up and timed steps, and reports what it measured. */
    public StepReport run() {
        return StandardOutput.toErrorDuring(this::measure);
    }

    private StepReport measure() {
        Batch input = RandomBatch.of(spec, batch);
        double[] seconds = new double[steps];
        double loss = Double.NaN;
        try (Network network = engine.build(spec, OptimizerConfig.adam(1e-3), TrainingConventions.DEFAULT, 1)) {
            for (int i = 0; i < warmup; i++) {
                network.fit(input);
            }
            for (int i = 0; i < steps; i++) {
                long start = System.nanoTime();
                loss = network.fit(input);
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
            return new StepReport(engine.name(), engine.backend(), spec, network.trainableParams(), batch, warmup,
                    new StepTimes(seconds), loss, PeakResidentMemory.ofThisProcess());
        }
    }
}
