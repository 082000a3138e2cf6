package org.segprune.testutil;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.segprune.data.Sample;
import org.segprune.data.SegmentationDataset;
import org.segprune.model.Architectures;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;

/** A K-class softmax U-Net and 3-class phantoms (class-index masks) for the multi-class tests. */
public final class MultiClassModels {

    private MultiClassModels() {
    }

    /** SegPrune's U-Net built with a {@code classes}-channel softmax head, masks as class indices. */
    public static SegmentationModel softmaxUNet(int size, int depth, int base, int classes, long seed) {
        return Architectures.build(new ModelSpec(ModelSpec.UNET, size, 1, depth, base, seed, classes));
    }

    /**
     * {@code count} grey phantoms of {@code size} pixels: a bright disk (class 1) and a mid-grey square (class 2,
     * drawn over the disk) on a dark noisy background; masks hold the class index.
     */
    public static SegmentationDataset phantoms(Path root, int count, int size, long seed) {
        Random random = new Random(seed);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
            BufferedImage mask = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
            int cx = size / 4 + random.nextInt(size / 2);
            int cy = size / 4 + random.nextInt(size / 2);
            int radius = size / 8 + random.nextInt(size / 8);
            int sx = random.nextInt(size / 2);
            int sy = random.nextInt(size / 2);
            int side = size / 5 + random.nextInt(size / 6);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int cls = (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius ? 1 : 0;
                    cls = x >= sx && x < sx + side && y >= sy && y < sy + side ? 2 : cls;
                    int grey = cls == 1 ? 220 : cls == 2 ? 140 : 40;
                    image.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, grey + (int) (random.nextGaussian() * 12))));
                    mask.getRaster().setSample(x, y, 0, cls);
                }
            }
            String stem = String.format("p%02d", i);
            samples.add(new Sample(stem, write(image, root.resolve("images/" + stem + ".png")),
                    write(mask, root.resolve("masks/" + stem + ".png"))));
        }
        return SegmentationDataset.of(root, samples);
    }

    private static Path write(BufferedImage image, Path file) {
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
