package org.tagbench.frontend;

/**
 * log10 from a 256-entry table and a short series, within 1e-15·max(1, |log10 x|) of {@link Math#log10} for
 * normal positive arguments. The CPU mel path takes one logarithm per mel value, and Math.log10 cost about 40% of its time.
 */
final class TableLog10 {
    private static final int TABLE_BITS = 8;
    private static final int MANTISSA_BITS = 52;
    private static final long MANTISSA_MASK = (1L << MANTISSA_BITS) - 1;
    private static final long EXPONENT_OF_ONE = Double.doubleToRawLongBits(1.0);
    private static final int EXPONENT_BIAS = 1023;
    private static final double LN_2 = Math.log(2.0);
    private static final double LOG10_E = 1.0 / Math.log(10.0);
    /** Centres of the table's mantissa intervals in [1, 2): their natural logarithms and reciprocals. */
    private static final double[] LN_CENTRE = new double[1 << TABLE_BITS];
    private static final double[] INVERSE_CENTRE = new double[1 << TABLE_BITS];

    static {
        for (int j = 0; j < LN_CENTRE.length; j++) {
            double centre = 1.0 + (j + 0.5) / LN_CENTRE.length;
            LN_CENTRE[j] = Math.log(centre);
            INVERSE_CENTRE[j] = 1.0 / centre;
        }
    }

    private TableLog10() {
    }

    /** log10(x); zero, subnormal, infinite and NaN arguments take Math.log10's answer. */
    static double log10(double x) {
        if (!(x >= Double.MIN_NORMAL && x <= Double.MAX_VALUE)) {
            return Math.log10(x);
        }
        long bits = Double.doubleToRawLongBits(x);
        int exponent = (int) (bits >>> MANTISSA_BITS) - EXPONENT_BIAS;
        int j = (int) (bits >>> (MANTISSA_BITS - TABLE_BITS)) & (LN_CENTRE.length - 1);
        double mantissa = Double.longBitsToDouble((bits & MANTISSA_MASK) | EXPONENT_OF_ONE);
        // mantissa = centre * (1 + r) with |r| < 2^-9, where five terms of ln(1 + r) leave under 1e-16.
        double r = mantissa * INVERSE_CENTRE[j] - 1.0;
        double ln1p = r * (1.0 - r * (0.5 - r * (1.0 / 3 - r * (0.25 - r * 0.2))));
        return (exponent * LN_2 + LN_CENTRE[j] + ln1p) * LOG10_E;
    }
}
