package org.knime.core.data.image.png;

import org.knime.core.data.DataCell;

/** A cell holding PNG bytes; created by {@link PNGImageContent#toImageCell()} (no public constructor). */
public class PNGImageCell extends DataCell implements PNGImageValue {

    private static final long serialVersionUID = 1L;

    private final PNGImageContent m_content;

    PNGImageCell(final PNGImageContent content) {
        if (content == null) {
            throw new NullPointerException("Argument must not be null.");
        }
        m_content = content;
    }

    @Override
    public PNGImageContent getImageContent() {
        return m_content;
    }

    @Override
    public String getImageExtension() {
        return "png";
    }

    @Override
    public String toString() {
        return m_content.toString();
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return java.util.Arrays.equals(((PNGImageCell)dc).m_content.getByteArrayReference(),
            m_content.getByteArrayReference());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(m_content.getByteArrayReference());
    }
}
