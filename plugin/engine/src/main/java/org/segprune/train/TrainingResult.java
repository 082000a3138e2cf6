package org.segprune.train;

import java.util.List;
import org.segprune.model.SegmentationModel;

/**
 * The trained model (best epoch's weights), its learning curve, the wall time and the pure training
 * time per image (forward + backward + update, without data loading and validation), and warnings
 * the user must see (e.g. a model that still predicts no foreground).
 */
public record TrainingResult(SegmentationModel model, List<EpochRecord> curve, int bestEpoch, double bestValidationDice,
        double seconds, double secondsPerImage, List<String> warnings) {
}
