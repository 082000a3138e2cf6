package org.knime.core.data.image;

import org.knime.core.data.DataValue;

/** Cells holding an image. */
public interface ImageValue extends DataValue {

    public ImageContent getImageContent();

    /** @return the file extension of the image format, e.g. "png" */
    public String getImageExtension();
}
