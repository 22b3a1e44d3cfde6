package org.tagbench.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.tagbench.data.TagVocabulary;
import org.tagbench.files.AtomicFile;
import org.tagbench.files.FileFailure;
import org.tagbench.files.NpyMatrix;

/**
 * One file's per-chunk tag probabilities over time, tags x chunks (the chunks the score averages, in time order):
 * as float32 {@code .npy}, or CSV (a tag per row) when the name ends {@code .csv}, and always a PNG heat map beside
 * it ({@code NAME.png}). Each file is written whole or not at all.
 */
public final class Taggram {
    private static final int PIXELS_PER_TAG = 14;

    private Taggram() {
    }

    /** Writes {@code chunks} (one row of tag scores per chunk) to {@code file} and its PNG. */
    public static void write(Path file, TagVocabulary tags, float[][] chunks) throws IOException {
        int n = tags.size();
        float[] tagsByTime = new float[n * chunks.length];
        for (int t = 0; t < chunks.length; t++) {
            for (int j = 0; j < n; j++) {
                tagsByTime[j * chunks.length + t] = chunks[t][j];
            }
        }
        String name = file.getFileName().toString();
        byte[] data = name.endsWith(".csv") ? csv(tags, chunks) : NpyMatrix.float32(tagsByTime, n, chunks.length);
        atomically(file, data);
        Path png = file.resolveSibling(name.substring(0, Math.max(name.lastIndexOf('.'), 1)) + ".png");
        BufferedImage image = BitmapEncoder.getBufferedImage(chart(tags, chunks));
        AtomicFile.write(png, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("Java has no PNG writer");
            }
        });
    }

    private static byte[] csv(TagVocabulary tags, float[][] chunks) {
        StringBuilder text = new StringBuilder("tag");
        for (int t = 0; t < chunks.length; t++) {
            text.append(",chunk ").append(t + 1);
        }
        text.append('\n');
        for (int j = 0; j < tags.size(); j++) {
            text.append(quoted(tags.tag(j)));
            for (float[] chunk : chunks) {
                text.append(',').append(String.format(Locale.ROOT, "%.6f", chunk[j]));
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(String field) {
        return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }

    private static HeatMapChart chart(TagVocabulary tags, float[][] chunks) {
        HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(400, 40 * chunks.length + 200))
                .height(Math.max(200, PIXELS_PER_TAG * tags.size() + 120)).title("taggram")
                .xAxisTitle("chunk").yAxisTitle("tag").build();
        chart.getStyler().setMin(0).setMax(1);
        List<Integer> x = IntStream.rangeClosed(1, chunks.length).boxed().toList();
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < chunks.length; t++) {
            for (int j = 0; j < tags.size(); j++) {
                cells.add(new Number[] {t, j, chunks[t][j]});
            }
        }
        chart.addSeries("p", x, tags.tags(), cells);
        return chart;
    }

    private static void atomically(Path file, byte[] data) throws IOException {
        try {
            AtomicFile.write(file, out -> out.write(data));
        } catch (IOException e) {
            throw FileFailure.naming(file, e);
        }
    }
}
