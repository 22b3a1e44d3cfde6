package org.tagbench.report;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A figure of one or more XChart charts side by side, written as {@code NAME.png} at twice its size (sharp on
 * high-density screens) and as {@code NAME.svg}.
 */
public record Figure(String name, List<Chart<?, ?>> panels) {
    /** Pixels per point of the PNG. */
    public static final int SCALE = 2;

    public Figure {
        panels = List.copyOf(panels);
    }

    /** Width in points: the panels' widths. */
    public int width() {
        return panels.stream().mapToInt(Chart::getWidth).sum();
    }

    /** Height in points: the tallest panel's. */
    public int height() {
        return panels.stream().mapToInt(Chart::getHeight).max().orElse(0);
    }

    /** Writes the PNG and the SVG into {@code folder}. */
    public void write(Path folder) throws IOException {
        BufferedImage image = new BufferedImage(SCALE * width(), SCALE * height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.scale(SCALE, SCALE);
        paint(g);
        g.dispose();
        if (!ImageIO.write(image, "png", folder.resolve(name + ".png").toFile())) {
            throw new IllegalStateException("Java has no PNG writer");
        }
        VectorGraphics2D vector = new VectorGraphics2D();
        paint(vector);
        Document svg = new SVGProcessor().getDocument(vector.getCommands(), new PageSize(width(), height()));
        try (OutputStream out = Files.newOutputStream(folder.resolve(name + ".svg"))) {
            svg.writeTo(out);
        }
    }

    private void paint(Graphics2D g) {
        int x = 0;
        for (Chart<?, ?> panel : panels) {
            Graphics2D at = (Graphics2D) g.create();
            at.translate(x, 0);
            panel.paint(at, panel.getWidth(), panel.getHeight());
            at.dispose();
            x += panel.getWidth();
        }
    }
}
