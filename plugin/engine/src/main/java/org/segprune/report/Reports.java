package org.segprune.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.segprune.evaluate.ImageMetrics;
import org.segprune.train.EpochRecord;
import org.segprune.util.AtomicFiles;

/** CSV reports: per-image metrics and learning curves. */
public final class Reports {

    public static final String CURVE_HEADER = "epoch,loss,validation_dice,learning_rate,seconds";

    private Reports() {
    }

    public static void writePerImage(Path file, List<ImageMetrics> images) {
        StringBuilder csv = new StringBuilder(ImageMetrics.CSV_HEADER).append('\n');
        images.forEach(m -> csv.append(m.csvRow()).append('\n'));
        AtomicFiles.writeString(file, csv.toString());
    }

    public static void writeCurve(Path file, List<EpochRecord> curve) {
        StringBuilder csv = new StringBuilder(CURVE_HEADER).append('\n');
        for (EpochRecord r : curve) {
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6g,%.3f%n", r.epoch(), r.loss(), r.validationDice(),
                    r.learningRate(), r.seconds()));
        }
        AtomicFiles.writeString(file, csv.toString());
    }
}
