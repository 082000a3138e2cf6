package org.segprune.step;
import org.segprune.table.TableSchema;

/**
 * An input or output port of a step.
 *
 * @param doc     what travels on it, for the node description (HTML)
 * @param columns for a table output whose columns are fixed: its schema, listed in the description; else null
 */
public record Port(String name, PortKind kind, boolean optional, String doc, TableSchema columns) {

    /** The description of a model input. */
    public static final String MODEL_DOC = "A segmentation model (DL4J ComputationGraph with SegPrune's metadata).";

    /** The description of an image table input (whose columns are settings, see {@link ImageRows}). */
    public static final String IMAGE_TABLE_DOC = "A table of image/mask pairs with string columns of file paths, as the "
            + "<i>Segmentation Data Reader</i> writes it; the column names are settings.";

    public static Port model(String name, String doc) {
        return new Port(name, PortKind.MODEL, false, doc, null);
    }

    public static Port table(String name, String doc) {
        return new Port(name, PortKind.TABLE, false, doc, null);
    }

    /** A table output with fixed columns. */
    public static Port table(String name, String doc, TableSchema columns) {
        return new Port(name, PortKind.TABLE, false, doc, columns);
    }

    /** The same port, which may stay unconnected. */
    public Port asOptional() {
        return new Port(name, kind, true, doc, columns);
    }
}
