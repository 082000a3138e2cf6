package org.segprune.data;

import java.awt.image.BufferedImage;

/** Loads samples at a model's input size and channel count. */
public final class SampleLoader {

    private final int size;
    private final int channels;

    public SampleLoader(int size, int channels) {
        this.size = size;
        this.channels = channels;
    }

    public int size() {
        return size;
    }

    public int channels() {
        return channels;
    }

    public LoadedSample load(Sample sample) {
        BufferedImage image = ImageFiles.read(sample.image());
        BufferedImage mask = ImageFiles.read(sample.mask());
        int w = image.getWidth();
        int h = image.getHeight();
        float[][] planes = ImageFiles.imagePlanes(image, channels);
        for (int c = 0; c < channels; c++) {
            planes[c] = ImageFiles.resizeBilinear(planes[c], w, h, size, size);
        }
        float[] binary = ImageFiles.resizeNearest(ImageFiles.maskToBinary(mask, sample.mask()), w, h, size, size);
        return new LoadedSample(sample.stem(), planes, binary, size, size);
    }
}
