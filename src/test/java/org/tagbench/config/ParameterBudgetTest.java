package org.tagbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParameterBudgetTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "100k, 100000",
        "250K, 250000",
        "1.5k, 1500",
        "0.25M, 250000",
        "1M, 1000000",
        "2m, 2000000",
        "1000000, 1000000",
        "1_000_000, 1000000",
        "'\"123456\"', 123456",
        "1000.0, 1000",
    })
    void budgetSpellings(String written, long params) {
        ExperimentConfig config = ConfigLoader.load(ConfigDir.resource("minimal.yaml"),
                List.of("model.params=" + written));

        assertEquals(params, config.model().params());
    }
}
