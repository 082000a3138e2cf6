package org.knime.core.data.image;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.io.IOException;
import java.io.OutputStream;

import org.knime.core.data.DataCell;

/** Read-only content of an image, used by image cells and image port objects. */
public interface ImageContent {

    /** Paints the image into at most maxWidth x maxHeight, keeping the aspect ratio. */
    public void paint(final Graphics2D g, final int maxWidth, final int maxHeight);

    public Dimension getPreferredSize();

    /** @return a cell holding this image */
    public DataCell toImageCell();

    public void save(final OutputStream out) throws IOException;

    public String getSummary();
}
