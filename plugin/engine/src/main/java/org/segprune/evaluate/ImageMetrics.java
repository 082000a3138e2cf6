package org.segprune.evaluate;

/** Metrics of one image, as in the per-image CSV. */
public record ImageMetrics(String stem, Confusion confusion, double foregroundFraction) {

    public static final String CSV_HEADER = "image,dice,iou,precision,recall,specificity,accuracy,tp,fp,fn,tn,foreground_fraction";

    public String csvRow() {
        Confusion c = confusion;
        return String.join(",", stem, num(c.dice()), num(c.iou()), num(c.precision()), num(c.recall()), num(c.specificity()),
                num(c.accuracy()), Long.toString(c.tp()), Long.toString(c.fp()), Long.toString(c.fn()), Long.toString(c.tn()),
                num(foregroundFraction));
    }

    private static String num(double value) {
        return String.format(java.util.Locale.ROOT, "%.6f", value);
    }
}
