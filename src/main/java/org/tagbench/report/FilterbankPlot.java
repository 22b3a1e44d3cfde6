package org.tagbench.report;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tagbench.config.FeatureConfig;
import org.tagbench.frontend.FrontEndWeights;
import org.tagbench.model.WeightArray;

/**
 * A trained mel filterbank ({@code features.trainable: true}) beside the one it started from: each mel band's
 * weights over frequency, one line per band, the starting triangles left and the trained bands right, on one
 * weight axis so that the panels compare.
 */
public final class FilterbankPlot {
    /** The figure's file name without extension. */
    public static final String NAME = "filterbank";
    /** A panel's size in points, shared with the other front-end figure ({@link DftBasisPlot}). */
    static final int PANEL_WIDTH = 620;
    static final int PANEL_HEIGHT = 420;

    private FilterbankPlot() {
    }

    /** The figure for a front end of {@code features} whose filterbank trained into {@code trained} [n_mels, bins]. */
    public static Figure of(FeatureConfig features, WeightArray trained) {
        WeightArray start = FrontEndWeights.initialFilterbank(features);
        double low = Math.min(min(start), min(trained));
        double high = Math.max(max(start), max(trained));
        return new Figure(NAME, List.of(panel("Mel filterbank at the start", features, start, low, high),
                panel("Mel filterbank trained", features, trained, low, high)));
    }

    private static XYChart panel(String title, FeatureConfig features, WeightArray bank, double low, double high) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title)
                .xAxisTitle("frequency (Hz)").yAxisTitle("weight").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(low);
        chart.getStyler().setYAxisMax(high);
        int bands = bank.shape()[0];
        int bins = bank.shape()[1];
        double[] hz = binHz(features);
        float[] values = bank.values();
        for (int m = 0; m < bands; m++) {
            double[] weights = new double[bins];
            for (int k = 0; k < bins; k++) {
                weights[k] = values[m * bins + k];
            }
            XYSeries band = chart.addSeries("band " + m, hz, weights);
            band.setMarker(SeriesMarkers.NONE);
            band.setLineStyle(SeriesLines.SOLID);
            // Neighbouring bands in alternating hues along the spectrum, so that overlapping triangles stay apart.
            band.setLineColor(Color.getHSBColor((float) m / bands * 0.8f, 0.8f, m % 2 == 0 ? 0.75f : 0.5f));
        }
        return chart;
    }

    /** Each DFT bin's own frequency, k sample rate / n_fft, for k up to n_fft / 2. */
    static double[] binHz(FeatureConfig features) {
        double[] hz = new double[features.nFft() / 2 + 1];
        for (int k = 0; k < hz.length; k++) {
            hz[k] = (double) k * features.sampleRate() / features.nFft();
        }
        return hz;
    }

    private static double min(WeightArray a) {
        double v = Double.POSITIVE_INFINITY;
        for (float x : a.values()) {
            v = Math.min(v, x);
        }
        return v;
    }

    private static double max(WeightArray a) {
        double v = Double.NEGATIVE_INFINITY;
        for (float x : a.values()) {
            v = Math.max(v, x);
        }
        return v;
    }
}
