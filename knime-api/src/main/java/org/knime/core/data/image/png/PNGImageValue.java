package org.knime.core.data.image.png;

import org.knime.core.data.image.ImageValue;

/** Cells holding a PNG image. */
public interface PNGImageValue extends ImageValue {

    @Override
    public PNGImageContent getImageContent();
}
