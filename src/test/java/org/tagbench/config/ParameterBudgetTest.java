package org.tagbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
        "1e12, 1000000000000",
        "20000M, 20000000000",
    })
    void budgetSpellings(String written, long params) {
        ExperimentConfig config = ConfigLoader.load(ConfigDir.resource("minimal.yaml"),
                List.of("model.params=" + written));

        assertEquals(params, config.model().params());
        assertEquals(params, ParameterBudget.parse("--params", written), "an option reads what --set reads");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"-3M", "0", "1.5", "1e-3", "ten", "1G", "1M5", "[1]"})
    void optionsAndConfigsRefuseTheSameSpellings(String written) {
        ConfigException config = assertThrows(ConfigException.class, () -> ConfigLoader.load(
                ConfigDir.resource("minimal.yaml"), List.of("model.params=" + written)));
        ConfigException option = assertThrows(ConfigException.class, () -> ParameterBudget.parse("--params", written));

        assertTrue(config.getMessage().startsWith("config error: model.params: "), config.getMessage());
        assertEquals("config error: --params: \"" + written + "\" is not a parameter budget (expected e.g. 250k, 1M,"
                + " 1000000)", option.getMessage());
    }
}
