package org.tagbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.config.ScheduleConfig;

/** Each schedule's sequence of optimizers and rates over epochs, worked out by hand. */
class LearningRateScheduleTest {

    @Test
    void stepMultipliesEveryStepEpochs() {
        List<String> rates = run(new ScheduleConfig("step", 2, 0.5, 3, 0, 80, 20, 0.001, 2),
                OptimizerConfig.adam(0.1), true, true, true, true, true);

        assertEquals(List.of("adam 0.1", "adam 0.05", "adam 0.05", "adam 0.025", "adam 0.025"), rates);
    }

    @Test
    void plateauCutsAfterPatienceBadEpochsDownToTheFloor() {
        List<String> rates = run(new ScheduleConfig("plateau", 10, 0.1, 2, 1e-3, 80, 20, 0.001, 2),
                OptimizerConfig.adam(0.1), true, false, false, false, false, true, false, false);

        assertEquals(List.of("adam 0.1", "adam 0.1", "adam 0.01", "adam 0.01", "adam 0.001", "adam 0.001",
                "adam 0.001", "adam 0.001"), rates);
    }

    @Test
    void adamThenSgdSwitchesAndDropsFromTheBestWeights() {
        ScheduleConfig config = new ScheduleConfig("adam_then_sgd", 10, 0.1, 3, 0, 3, 2, 0.01, 2);
        LearningRateSchedule schedule = new LearningRateSchedule(config, OptimizerConfig.adam(1e-4));
        LearningRate rate = schedule.initial();
        List<String> rates = new ArrayList<>();
        List<Integer> reloads = new ArrayList<>();
        for (int epoch = 1; epoch <= 9; epoch++) {
            LearningRateSchedule.Change change = schedule.afterEpoch(rate, false);
            rate = change.next();
            rates.add(rate.optimizer() + " " + (float) rate.lr());
            if (change.reloadBest()) {
                reloads.add(epoch);
            }
        }

        assertEquals(List.of("adam 1.0E-4", "adam 1.0E-4", "sgd 0.01", "sgd 0.01", "sgd 0.001", "sgd 0.001",
                "sgd 1.0E-4", "sgd 1.0E-4", "sgd 1.0E-4"), rates);
        assertEquals(List.of(3, 5, 7), reloads);
        OptimizerConfig sgd = schedule.optimizer(rate);
        assertEquals(new OptimizerConfig("sgd", rate.lr(), 0.9, 0.999, 0, 0.9, true), sgd);
    }

    @Test
    void noneKeepsTheRate() {
        assertEquals(List.of("adam 0.003", "adam 0.003"), run(new ScheduleConfig("none", 1, 0.1, 1, 0, 1, 1,
                0.1, 5), OptimizerConfig.adam(0.003), false, false));
    }

    private static List<String> run(ScheduleConfig config, OptimizerConfig optimizer, boolean... improved) {
        LearningRateSchedule schedule = new LearningRateSchedule(config, optimizer);
        LearningRate rate = schedule.initial();
        List<String> rates = new ArrayList<>();
        for (boolean better : improved) {
            rate = schedule.afterEpoch(rate, better).next();
            rates.add(rate.optimizer() + " " + (float) rate.lr());
        }
        return rates;
    }
}
