package org.segprune.step;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.segprune.evaluate.Evaluator;

/**
 * Renders one prediction as a PNG of three panels side by side: the image, the image with the true
 * mask in green, the image with the predicted mask (probability above the threshold) in red.
 */
public final class Overlays {

    private static final int GAP = 2;

    private Overlays() {
    }

    public static byte[] png(Evaluator.Prediction prediction) {
        int s = prediction.size();
        BufferedImage panels = new BufferedImage(3 * s + 2 * GAP, s, BufferedImage.TYPE_INT_RGB);
        float[][] image = prediction.image();
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int i = y * s + x;
                float grey = 0;
                for (float[] channel : image) {
                    grey += channel[i];
                }
                int g = clamp(grey / image.length);
                int plain = rgb(g, g, g);
                boolean truth = prediction.mask()[i] > 0.5f;
                boolean predicted = prediction.probability()[i] > Evaluator.THRESHOLD;
                panels.setRGB(x, y, plain);
                panels.setRGB(s + GAP + x, y, truth ? rgb(g / 2, (g + 255) / 2, g / 2) : plain);
                panels.setRGB(2 * (s + GAP) + x, y, predicted ? rgb((g + 255) / 2, g / 2, g / 2) : plain);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(panels, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int clamp(float value) {
        return Math.max(0, Math.min(255, Math.round(value * 255)));
    }

    private static int rgb(int r, int g, int b) {
        return (r << 16) | (g << 8) | b;
    }
}
