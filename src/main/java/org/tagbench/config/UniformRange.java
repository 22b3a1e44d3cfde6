package org.tagbench.config;

/**
 * A range a training augmentation draws its value from uniformly, once per clip ({@code {min: a, max: b}}); equal
 * ends draw that one value.
 */
public record UniformRange(double min, double max) {

    /** Requires finite ends with {@code min <= max}. */
    public UniformRange {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new ConfigException("", "{min: " + min + ", max: " + max + "} is not a range (expected finite"
                    + " numbers with min <= max)");
        }
    }

    /** Whether every draw is {@code value}: the range holds it alone. */
    public boolean isOnly(double value) {
        return min == value && max == value;
    }

    /** Requires the range inside [{@code low}, {@code high}]; {@code key} names it and {@code unit} its unit. */
    void within(String key, double low, double high, String unit) {
        if (min < low || max > high) {
            throw new ConfigException(key, "{min: " + min + ", max: " + max + "} reaches outside [" + low + ", "
                    + high + "]" + unit);
        }
    }
}
