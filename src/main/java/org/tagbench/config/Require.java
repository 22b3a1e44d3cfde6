package org.tagbench.config;

import com.fasterxml.jackson.databind.node.TextNode;

/** Value rules shared by the config records; a failure names the key, the value and what was expected. */
final class Require {
    private Require() {
    }

    /** Rejects {@code value <= 0}. */
    static void positive(String key, Number value) {
        if (value.doubleValue() <= 0) {
            throw new ConfigException(key, "must be > 0, got " + value);
        }
    }

    /** Rejects {@code value < minimum}. */
    static void atLeast(String key, Number value, Number minimum) {
        if (value.doubleValue() < minimum.doubleValue()) {
            throw new ConfigException(key, "must be >= " + minimum + ", got " + value);
        }
    }

    /** Rejects {@code value > maximum}. */
    static void atMost(String key, Number value, Number maximum) {
        if (value.doubleValue() > maximum.doubleValue()) {
            throw new ConfigException(key, "must be <= " + maximum + ", got " + value);
        }
    }

    /** Rejects values outside [0, 1). */
    static void inUnitInterval(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new ConfigException(key, "must be in [0, 1), got " + value);
        }
    }

    /** Rejects a {@code dataset} value other than {@code expected}, the name of the reader being bound. */
    static void dataset(String dataset, String expected) {
        if (!expected.equals(dataset)) {
            throw new ConfigException(DataConfig.SELECTOR, quoted(dataset) + " is not " + quoted(expected));
        }
    }

    /** Rejects an absent {@code value}; {@code what} says what the key holds. */
    static void present(String key, Object value, String what) {
        if (value == null) {
            throw new ConfigException(key, "missing required key (" + what + ")");
        }
    }

    /** {@code text} as a config would show it: in double quotes, escaped as in JSON. */
    static String quoted(String text) {
        return TextNode.valueOf(text).toString();
    }
}
