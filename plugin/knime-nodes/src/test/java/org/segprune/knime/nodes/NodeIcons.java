package org.segprune.knime.nodes;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Paints the 16x16 node icons (shapes only, no fonts, so it runs headless anywhere). {@link NodeIconsTest}
 * writes them with {@code -Dsegprune.regenerate=true} and otherwise checks the committed files.
 */
final class NodeIcons {

    static final int SIZE = 16;

    private static final Color BLUE = new Color(0x2f, 0x6f, 0xb5);
    private static final Color GREEN = new Color(0x3c, 0x9a, 0x4a);
    private static final Color RED = new Color(0xc8, 0x3c, 0x32);
    private static final Color GREY = new Color(0x70, 0x70, 0x70);

    private NodeIcons() {
    }

    /** Icon file name (relative to the factory's package, or to the bundle for the category) -> painter. */
    static Map<String, Consumer<Graphics2D>> painters() {
        Map<String, Consumer<Graphics2D>> p = new LinkedHashMap<>();
        p.put("datareader.png", NodeIcons::dataReader);
        p.put("modelreader.png", NodeIcons::modelReader);
        p.put("scorer.png", NodeIcons::scorer);
        p.put("pruner.png", NodeIcons::pruner);
        p.put("finetuner.png", NodeIcons::fineTuner);
        p.put("evaluator.png", NodeIcons::evaluator);
        p.put("predictor.png", NodeIcons::predictor);
        p.put("modelwriter.png", NodeIcons::modelWriter);
        p.put("segprune.png", NodeIcons::category);
        return p;
    }

    static BufferedImage paint(final Consumer<Graphics2D> painter) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        painter.accept(g);
        g.dispose();
        return image;
    }

    /** An image with a mask blob, behind a second one. */
    private static void dataReader(final Graphics2D g) {
        g.setColor(GREY);
        g.fillRect(5, 1, 10, 10);
        g.setColor(Color.DARK_GRAY);
        g.fillRect(1, 5, 10, 10);
        g.setColor(GREEN);
        g.fillOval(3, 7, 6, 6);
    }

    /** Three layers of a network. */
    private static void modelReader(final Graphics2D g) {
        g.setColor(GREY);
        g.setStroke(new BasicStroke(1f));
        int[] ys = {2, 7, 12};
        for (int a : ys) {
            for (int b : ys) {
                g.drawLine(3, a + 1, 8, b + 1);
                g.drawLine(8, a + 1, 13, b + 1);
            }
        }
        g.setColor(BLUE);
        for (int x : new int[] {1, 6, 11}) {
            for (int y : ys) {
                g.fillOval(x, y, 4, 4);
            }
        }
    }

    /** Bars of different heights (scores). */
    private static void scorer(final Graphics2D g) {
        int[] heights = {12, 5, 9, 3};
        for (int i = 0; i < heights.length; i++) {
            g.setColor(i == 0 ? BLUE : GREY);
            g.fillRect(1 + 4 * i, 15 - heights[i], 3, heights[i]);
        }
    }

    /** Bars with the two lowest crossed out. */
    private static void pruner(final Graphics2D g) {
        int[] heights = {12, 5, 9, 3};
        for (int i = 0; i < heights.length; i++) {
            g.setColor(heights[i] < 6 ? new Color(0xd0, 0xd0, 0xd0) : BLUE);
            g.fillRect(1 + 4 * i, 15 - heights[i], 3, heights[i]);
        }
        g.setColor(RED);
        g.setStroke(new BasicStroke(1.6f));
        g.drawLine(4, 1, 12, 9);
        g.drawLine(12, 1, 4, 9);
    }

    /** A falling loss curve. */
    private static void fineTuner(final Graphics2D g) {
        g.setColor(GREY);
        g.drawLine(1, 1, 1, 14);
        g.drawLine(1, 14, 15, 14);
        g.setColor(GREEN);
        g.setStroke(new BasicStroke(1.8f));
        int[] xs = {2, 5, 8, 11, 15};
        int[] ys = {2, 8, 10, 11, 12};
        g.drawPolyline(xs, ys, xs.length);
    }

    /** A mask outline and a check mark. */
    private static void evaluator(final Graphics2D g) {
        g.setColor(GREY);
        g.setStroke(new BasicStroke(1.4f));
        g.drawOval(1, 1, 12, 12);
        g.setColor(GREEN);
        g.setStroke(new BasicStroke(2.2f));
        g.drawLine(5, 9, 8, 13);
        g.drawLine(8, 13, 15, 3);
    }

    /** An image with a predicted blob in red, and an arrow into it. */
    private static void predictor(final Graphics2D g) {
        g.setColor(Color.DARK_GRAY);
        g.fillRect(5, 3, 10, 10);
        g.setColor(RED);
        g.fillOval(7, 5, 6, 6);
        g.setColor(BLUE);
        g.setStroke(new BasicStroke(1.6f));
        g.drawLine(0, 8, 4, 8);
        g.drawLine(2, 6, 4, 8);
        g.drawLine(2, 10, 4, 8);
    }

    /** A network glyph going down into a tray (a file written). */
    private static void modelWriter(final Graphics2D g) {
        g.setColor(BLUE);
        for (int x : new int[] {1, 6, 11}) {
            g.fillOval(x, 1, 4, 4);
        }
        g.setColor(GREY);
        g.setStroke(new BasicStroke(1.6f));
        g.drawLine(8, 6, 8, 12);
        g.drawLine(5, 9, 8, 12);
        g.drawLine(11, 9, 8, 12);
        g.drawLine(1, 10, 1, 14);
        g.drawLine(1, 14, 15, 14);
        g.drawLine(15, 14, 15, 10);
    }

    /** The category: a network glyph with a cut. */
    private static void category(final Graphics2D g) {
        modelReader(g);
        g.setColor(RED);
        g.setStroke(new BasicStroke(1.6f));
        g.drawLine(9, 0, 15, 6);
    }
}
