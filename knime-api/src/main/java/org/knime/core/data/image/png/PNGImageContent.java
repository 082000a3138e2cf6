package org.knime.core.data.image.png;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.SoftReference;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.image.ImageContent;

/** The bytes of a PNG image; decoded lazily with {@link ImageIO}. */
public class PNGImageContent implements ImageContent {

    /** Type for PNG cells; use it for PNG column specs. */
    public static final DataType TYPE = DataType.getType(PNGImageCell.class);

    private byte[] m_imageBytes;

    private SoftReference<Image> m_imageRef = new SoftReference<>(null);

    /** Framework constructor for restoring content. <b>Do not use!</b> */
    public PNGImageContent() {
    }

    /**
     * @throws NullPointerException if the argument is null
     * @throws IllegalArgumentException if the bytes are no readable image
     */
    public PNGImageContent(final byte[] imageBytes) {
        if (imageBytes == null) {
            throw new NullPointerException("Argument must not be null.");
        }
        m_imageBytes = imageBytes;
        m_imageRef = new SoftReference<>(read(imageBytes));
    }

    /** Reads the stream to its end (it is not closed). */
    public PNGImageContent(final InputStream is) throws IOException {
        this(is.readAllBytes());
    }

    /** @return the internal array; do not modify it */
    public byte[] getByteArrayReference() {
        return m_imageBytes;
    }

    /** @return a copy of the bytes */
    public byte[] getByteArray() {
        return Arrays.copyOf(m_imageBytes, m_imageBytes.length);
    }

    /** @throws IllegalStateException if the bytes can't be decoded again */
    public Image getImage() {
        Image image = m_imageRef.get();
        if (image == null) {
            try {
                image = read(m_imageBytes);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Image can't be re-read", e);
            }
            m_imageRef = new SoftReference<>(image);
        }
        return image;
    }

    private static Image read(final byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalArgumentException("ImageIO returned null while reading image bytes");
            }
            return image;
        } catch (IOException e) {
            throw new IllegalArgumentException("Image can't be read", e);
        }
    }

    @Override
    public void paint(final Graphics2D g, final int width, final int height) {
        Image image = getImage();
        int w = image.getWidth(null);
        int h = image.getHeight(null);
        double scale = Math.min(1.0, Math.min(width / (double)Math.max(w, 1), height / (double)Math.max(h, 1)));
        g.drawImage(image, 0, 0, (int)Math.round(w * scale), (int)Math.round(h * scale), null);
    }

    @Override
    public void save(final OutputStream output) throws IOException {
        output.write(m_imageBytes);
    }

    @Override
    public DataCell toImageCell() {
        return new PNGImageCell(this);
    }

    @Override
    public Dimension getPreferredSize() {
        try {
            Image image = getImage();
            return new Dimension(image.getWidth(null), image.getHeight(null));
        } catch (IllegalStateException ise) {
            return new Dimension(16, 16);
        }
    }

    @Override
    public String getSummary() {
        Dimension dim = getPreferredSize();
        String summary = "PNG Image " + dim.width + " x " + dim.height + " with ";
        return m_imageBytes.length < 1000 ? summary + m_imageBytes.length + " B"
            : summary + (m_imageBytes.length / 1024) + " KB";
    }
}
