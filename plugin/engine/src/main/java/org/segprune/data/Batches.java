package org.segprune.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches of a data set as NCHW arrays, read from disk batch by batch so that a large set never
 * sits in memory at once. Optional seeded shuffling and random horizontal/vertical flips.
 */
public final class Batches implements Iterable<Batches.Batch> {

    /**
     * One mini-batch: features [n,c,s,s], the training target labels [n,l,s,s] ({@link SampleLoader#encodeLabels}; l
     * = 1 for binary masks), the masks as loaded (0/1 or class indices, [n*s*s]) and the sample stems.
     */
    public record Batch(INDArray features, INDArray labels, float[] masks, List<String> stems) {
        public int size() {
            return stems.size();
        }
    }

    private final List<Sample> samples;
    private final SampleLoader loader;
    private final int batchSize;
    private final Random shuffle;
    private final boolean flip;
    private final Random flipRandom;

    private Batches(List<Sample> samples, SampleLoader loader, int batchSize, Long seed, boolean flip) {
        this.samples = samples;
        this.loader = loader;
        this.batchSize = batchSize;
        this.shuffle = seed == null ? null : new Random(seed);
        this.flip = flip;
        this.flipRandom = new Random(seed == null ? 0 : seed * 31 + 7);
    }

    /** In file order, no augmentation: for evaluation and scoring. */
    public static Batches inOrder(SegmentationDataset data, SampleLoader loader, int batchSize) {
        return new Batches(data.samples(), loader, batchSize, null, false);
    }

    /** Shuffled per pass with the given seed, optionally flipped: for training. */
    public static Batches shuffled(SegmentationDataset data, SampleLoader loader, int batchSize, long seed, boolean flip) {
        return new Batches(data.samples(), loader, batchSize, seed, flip);
    }

    public int batchCount() {
        return (samples.size() + batchSize - 1) / batchSize;
    }

    @Override
    public Iterator<Batch> iterator() {
        List<Sample> order = new ArrayList<>(samples);
        if (shuffle != null) {
            Collections.shuffle(order, shuffle);
        }
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.size();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<Sample> part = order.subList(next, Math.min(order.size(), next + batchSize));
                next += part.size();
                return toBatch(part);
            }
        };
    }

    private Batch toBatch(List<Sample> part) {
        int n = part.size();
        int c = loader.channels();
        int s = loader.size();
        int plane = s * s;
        float[] features = new float[n * c * plane];
        int l = loader.labelChannels();
        float[] masks = new float[n * plane];
        float[] labels = new float[n * l * plane];
        List<String> stems = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LoadedSample loaded = loader.load(part.get(i));
            boolean flipX = flip && flipRandom.nextBoolean();
            boolean flipY = flip && flipRandom.nextBoolean();
            for (int ch = 0; ch < c; ch++) {
                copyFlipped(loaded.image()[ch], features, (i * c + ch) * plane, s, flipX, flipY);
            }
            copyFlipped(loaded.mask(), masks, i * plane, s, flipX, flipY);
            loader.encodeLabels(java.util.Arrays.copyOfRange(masks, i * plane, (i + 1) * plane), labels, i * l * plane);
            stems.add(loaded.stem());
        }
        return new Batch(Nd4j.create(features, new long[] {n, c, s, s}, 'c'),
                Nd4j.create(labels, new long[] {n, l, s, s}, 'c'), masks, stems);
    }

    private static void copyFlipped(float[] src, float[] dst, int offset, int s, boolean flipX, boolean flipY) {
        for (int y = 0; y < s; y++) {
            int sy = flipY ? s - 1 - y : y;
            for (int x = 0; x < s; x++) {
                int sx = flipX ? s - 1 - x : x;
                dst[offset + y * s + x] = src[sy * s + sx];
            }
        }
    }
}
