package org.tagbench.report;

import java.awt.Color;
import java.util.List;
import org.jtransforms.fft.DoubleFFT_1D;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tagbench.config.FeatureConfig;
import org.tagbench.frontend.FrontEndWeights;
import org.tagbench.model.WeightArray;

/**
 * A trained DFT basis ({@code features.trainable_dft: true}) against the one it started from, bin by bin: left, the
 * frequency each bin's kernel pair (its real and imaginary columns) now responds to most, over the bin's own
 * frequency; right, how far each bin's kernels moved, relative to where they started. At the start every bin answers
 * its own frequency (the diagonal) and nothing has moved.
 */
public final class DftBasisPlot {
    /** The figure's file name without extension. */
    public static final String NAME = "dft_basis";
    /** Frequencies searched per bin spacing: zero padding to four times n_fft. */
    private static final int OVERSAMPLING = 4;

    private DftBasisPlot() {
    }

    /** The figure for a front end of {@code features} whose DFT basis trained into {@code trained} [n_fft, 2 bins]. */
    public static Figure of(FeatureConfig features, WeightArray trained) {
        WeightArray start = FrontEndWeights.initialDftBasis(features);
        double[] own = FilterbankPlot.binHz(features);
        XYChart peaks = chart("DFT basis: frequency each bin answers most", "answers most (Hz)");
        peaks.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        peaks.getStyler().setYAxisDecimalPattern("#,##0");
        line(peaks, "trained", own, peakHz(features, trained), new Color(0, 90, 170));
        // Dashed and on top: where a bin still answers its own frequency the two lines coincide.
        line(peaks, "start", own, peakHz(features, start), Color.GRAY).setLineStyle(SeriesLines.DASH_DASH);
        XYChart moved = chart("DFT basis: how far each bin's kernels moved", "|trained - start| / |start|");
        moved.getStyler().setLegendVisible(false);
        line(moved, "moved", own, change(start, trained), new Color(170, 60, 0));
        return new Figure(NAME, List.of(peaks, moved));
    }

    /**
     * For each bin k, the frequency (Hz, on a grid of sample rate / (4 n_fft)) at which its kernel pair in
     * {@code basis} responds most: the maximum over [0, Nyquist] of |RE(f)|^2 + |IM(f)|^2, the power the bin gives a
     * tone of frequency f averaged over its phase, RE and IM being the Fourier transforms of the bin's real and
     * imaginary columns.
     */
    static double[] peakHz(FeatureConfig features, WeightArray basis) {
        int nFft = basis.shape()[0];
        int bins = basis.shape()[1] / 2;
        int padded = OVERSAMPLING * nFft;
        DoubleFFT_1D fft = new DoubleFFT_1D(padded);
        double[] peaks = new double[bins];
        float[] values = basis.values();
        for (int k = 0; k < bins; k++) {
            double[] re = spectrum(fft, values, basis.shape()[1], k, padded);
            double[] im = spectrum(fft, values, basis.shape()[1], bins + k, padded);
            int best = 0;
            double most = -1;
            for (int j = 0; j <= padded / 2; j++) {
                double power = re[2 * j] * re[2 * j] + re[2 * j + 1] * re[2 * j + 1] + im[2 * j] * im[2 * j]
                        + im[2 * j + 1] * im[2 * j + 1];
                if (power > most) {
                    most = power;
                    best = j;
                }
            }
            peaks[k] = (double) best * features.sampleRate() / padded;
        }
        return peaks;
    }

    /**
     * For each bin k, the norm of its two columns' change from {@code start} to {@code trained} over their start
     * norm.
     */
    static double[] change(WeightArray start, WeightArray trained) {
        int nFft = start.shape()[0];
        int columns = start.shape()[1];
        int bins = columns / 2;
        float[] before = start.values();
        float[] after = trained.values();
        double[] moved = new double[bins];
        for (int k = 0; k < bins; k++) {
            double difference = 0;
            double norm = 0;
            for (int n = 0; n < nFft; n++) {
                for (int column : new int[] {k, bins + k}) {
                    double a = before[n * columns + column];
                    double b = after[n * columns + column];
                    difference += (b - a) * (b - a);
                    norm += a * a;
                }
            }
            moved[k] = Math.sqrt(difference / norm);
        }
        return moved;
    }

    /**
     * Column {@code column} of the row-major matrix {@code basis} ({@code columns} wide), zero-padded to
     * {@code padded}, as its complex spectrum (re, im pairs).
     */
    private static double[] spectrum(DoubleFFT_1D fft, float[] basis, int columns, int column, int padded) {
        double[] values = new double[2 * padded];
        for (int n = 0; n < basis.length / columns; n++) {
            values[n] = basis[n * columns + column];
        }
        fft.realForwardFull(values);
        return values;
    }

    private static XYChart chart(String title, String yAxis) {
        XYChart chart = new XYChartBuilder().width(FilterbankPlot.PANEL_WIDTH).height(FilterbankPlot.PANEL_HEIGHT)
                .title(title).xAxisTitle("bin's own frequency (Hz)").yAxisTitle(yAxis).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(SeriesLines.SOLID);
        series.setLineColor(color);
        return series;
    }
}
