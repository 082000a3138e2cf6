package org.segprune.report;

import java.nio.file.Path;
import java.util.List;
import org.segprune.evaluate.ImageMetrics;
import org.segprune.table.Csv;
import org.segprune.train.EpochRecord;

/** CSV reports: per-image metrics and learning curves, with the columns of the nodes' tables. */
public final class Reports {

    private Reports() {
    }

    public static void writePerImage(Path file, List<ImageMetrics> images) {
        Csv.write(ImageMetrics.toTable(images), ImageMetrics.IMAGE, file);
    }

    public static void writeCurve(Path file, List<EpochRecord> curve) {
        Csv.write(EpochRecord.toTable(curve), null, file);
    }
}
