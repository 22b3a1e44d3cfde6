package org.tagbench.data.synthetic;

/**
 * The note rate of a clip: every voice of a clip (the hiss aside) plays one note or hit per step, and a
 * step lasts 1/rate seconds with the rate drawn uniformly from the tempo's range. The ranges are far apart
 * (at least 2.7 times) so that the tempo tags are audible from any few seconds of a clip.
 */
enum SyntheticTempo {
    FAST("fast", 4.0, 6.0),
    SLOW("slow", 1.0, 1.5);

    private final String tag;
    private final double minRate;
    private final double maxRate;

    SyntheticTempo(String tag, double minRate, double maxRate) {
        this.tag = tag;
        this.minRate = minRate;
        this.maxRate = maxRate;
    }

    /** The tag naming this tempo. */
    String tag() {
        return tag;
    }

    /** Fewest notes per second. */
    double minRate() {
        return minRate;
    }

    /** Most notes per second. */
    double maxRate() {
        return maxRate;
    }
}
