package org.segprune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segprune.model.Architectures;
import org.segprune.model.ModelInfo;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.train.Trainer;
import org.segprune.train.TrainingSettings;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/** "dataset-std": the first step that reads images computes the data set's mean and std and stores them. */
class DatasetNormalizationTest {

    @TempDir
    Path dir;

    /** A grey size x size image of one value, with a mask whose left half is foreground. */
    private void pair(Path root, String stem, int value, int size) throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage mask = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.getRaster().setSample(x, y, 0, value);
                mask.getRaster().setSample(x, y, 0, x < size / 2 ? 255 : 0);
            }
        }
        Files.createDirectories(root.resolve("images"));
        Files.createDirectories(root.resolve("masks"));
        ImageIO.write(image, "png", root.resolve("images").resolve(stem + ".png").toFile());
        ImageIO.write(mask, "png", root.resolve("masks").resolve(stem + ".png").toFile());
    }

    private SegmentationModel model(String normalization) {
        SegmentationModel built = Architectures.build(new ModelSpec(ModelSpec.UNET, 16, 1, 1, 2, 3));
        return new SegmentationModel(built.graph(), built.info().withPreprocessing(null, normalization, null));
    }

    @Test
    void meanAndStdOfTheImagesAreStoredAsMeanStd() throws IOException {
        // two flat images of 51 and 153 (0.2 and 0.6 on the 0-1 scale): mean 0.4, std 0.2
        pair(dir.resolve("data"), "a", 51, 16);
        pair(dir.resolve("data"), "b", 153, 16);
        SegmentationDataset data = SegmentationDataset.open(dir.resolve("data"), Progress.NONE);
        SegmentationModel resolved = DatasetNormalization.resolve(model(ModelInfo.DATASET_STD), data, Progress.NONE);
        double[] meanStd = ModelInfo.meanStd(resolved.info().normalization());
        assertEquals(0.4, meanStd[0], 1e-6);
        assertEquals(0.2, meanStd[1], 1e-6);
        assertTrue(resolved.info().provenance().get(resolved.info().provenance().size() - 1).contains("dataset-std"),
                "the provenance says where the figures came from");
        SegmentationModel other = model(ModelInfo.IMAGE_STD);
        assertSame(other, DatasetNormalization.resolve(other, data, Progress.NONE), "other normalisations are left alone");
    }

    @Test
    void trainingStoresTheTrainingImagesStatisticsInTheModel() throws IOException {
        pair(dir.resolve("train"), "a", 51, 16);
        pair(dir.resolve("train"), "b", 153, 16);
        pair(dir.resolve("validation"), "c", 255, 16);
        SegmentationDataset train = SegmentationDataset.open(dir.resolve("train"), Progress.NONE);
        SegmentationDataset validation = SegmentationDataset.open(dir.resolve("validation"), Progress.NONE);
        SegmentationModel tuned = Trainer.train(model(ModelInfo.DATASET_STD), train, validation,
                TrainingSettings.DEFAULTS.withEpochs(1).withBatchSize(2), "test", Progress.NONE).model();
        double[] meanStd = ModelInfo.meanStd(tuned.info().normalization());
        assertEquals(0.4, meanStd[0], 1e-6, "the training part's mean, not the validation part's");
    }

    @Test
    void unresolvedOrConstantDataGiveClearErrors() throws IOException {
        SegPruneException unresolved = assertThrows(SegPruneException.class,
                () -> SampleLoader.forModel(model(ModelInfo.DATASET_STD).info()));
        assertTrue(unresolved.getMessage().contains("dataset-std"), unresolved.getMessage());
        pair(dir.resolve("flat"), "a", 100, 16);
        SegmentationDataset flat = SegmentationDataset.open(dir.resolve("flat"), Progress.NONE);
        SegPruneException constant = assertThrows(SegPruneException.class,
                () -> DatasetNormalization.resolve(model(ModelInfo.DATASET_STD), flat, Progress.NONE));
        assertTrue(constant.getMessage().contains("standard deviation is 0") && constant.getMessage().contains("flat"),
                constant.getMessage());
    }
}
