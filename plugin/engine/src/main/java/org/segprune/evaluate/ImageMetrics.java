package org.segprune.evaluate;

/** Metrics of one image, as in the per-image CSV (hd95 and assd are NaN where exactly one mask is empty). */
public record ImageMetrics(String stem, Confusion confusion, double foregroundFraction, SurfaceDistances boundary) {

    public static final String CSV_HEADER =
            "image,dice,iou,precision,recall,specificity,accuracy,tp,fp,fn,tn,foreground_fraction,hd95,assd";

    public String csvRow() {
        Confusion c = confusion;
        return String.join(",", stem, num(c.dice()), num(c.iou()), num(c.precision()), num(c.recall()), num(c.specificity()),
                num(c.accuracy()), Long.toString(c.tp()), Long.toString(c.fp()), Long.toString(c.fn()), Long.toString(c.tn()),
                num(foregroundFraction), num(boundary.hd95()), num(boundary.assd()));
    }

    private static String num(double value) {
        return String.format(java.util.Locale.ROOT, "%.6f", value);
    }
}
