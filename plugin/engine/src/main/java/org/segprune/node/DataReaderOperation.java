package org.segprune.node;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.segprune.data.ImageFiles;
import org.segprune.data.Sample;
import org.segprune.data.SegmentationDataset;
import org.segprune.util.Progress;

/**
 * Segmentation Data Reader: pairs the images and masks of two folders by file stem, checks every
 * pair, and lists them as a table (row key = stem) with a seeded train/test split column.
 */
public final class DataReaderOperation {

    public static final String IMAGE = "image";
    public static final String MASK = "mask";
    public static final String WIDTH = "width";
    public static final String HEIGHT = "height";
    public static final String FOREGROUND = "foreground_fraction";
    public static final String SPLIT = "split";
    public static final String TRAIN = "train";
    public static final String TEST = "test";

    public static final TableSchema OUTPUT = TableSchema.of(new Column(IMAGE, ColumnType.STRING),
            new Column(MASK, ColumnType.STRING), new Column(WIDTH, ColumnType.INT), new Column(HEIGHT, ColumnType.INT),
            new Column(FOREGROUND, ColumnType.DOUBLE), new Column(SPLIT, ColumnType.STRING));

    private DataReaderOperation() {
    }

    /** The output columns (they do not depend on the settings). */
    public static TableSchema configure(DataReaderSettings settings) {
        return OUTPUT;
    }

    /**
     * @param base folder that relative folder settings are resolved against (null: working directory)
     */
    public static NodeTable run(DataReaderSettings settings, Path base, Progress progress) {
        Path images = settings.imagesFolder(base).toAbsolutePath();
        Path masks = settings.masksFolder(base).toAbsolutePath();
        SegmentationDataset data = SegmentationDataset.open(images.getParent(), images, masks, progress.sub(0, 0.6));
        SegmentationDataset.Split split = data.split(settings.testFraction(), settings.seed());
        Set<String> test = new HashSet<>();
        if (split.validation() != null) {
            split.validation().samples().forEach(s -> test.add(s.stem()));
        }
        NodeTable.Builder table = NodeTable.builder(OUTPUT);
        Progress rows = progress.sub(0.6, 1);
        int done = 0;
        for (Sample sample : data.samples()) {
            rows.checkCancelled();
            BufferedImage mask = ImageFiles.read(sample.mask());
            float[] binary = ImageFiles.maskToBinary(mask, sample.mask());
            double foreground = 0;
            for (float v : binary) {
                foreground += v;
            }
            table.add(sample.stem(), sample.image().toString(), sample.mask().toString(), mask.getWidth(), mask.getHeight(),
                    foreground / binary.length, test.contains(sample.stem()) ? TEST : TRAIN);
            rows.report(++done / (double) data.size(), "listed " + done + " of " + data.size() + " pairs");
        }
        return table.build();
    }
}
