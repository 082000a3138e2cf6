package org.segprune.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.segprune.model.MaskValues;
import org.segprune.model.ModelInfo;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/**
 * A segmentation data set: a folder with {@code images/} and {@code masks/}, paired by file stem
 * ({@link ImageFiles#FORMATS}; a mask's stem may add one of {@link #MASK_SUFFIXES}). {@link #open} checks every pair before any work is done, so a bad file is
 * reported up front by name and not after an hour of training.
 */
public final class SegmentationDataset {

    private final Path root;
    private final List<Sample> samples;

    private SegmentationDataset(Path root, List<Sample> samples) {
        this.root = root;
        this.samples = List.copyOf(samples);
    }

    /** Pairs and validates every file of {@code root/images} and {@code root/masks} (binary masks). */
    public static SegmentationDataset open(Path root, Progress progress) {
        return open(root, progress, null);
    }

    /**
     * Pairs and validates every file of {@code root/images} and {@code root/masks}, the masks as the model reads them
     * (its mask values; null: binary).
     */
    public static SegmentationDataset open(Path root, Progress progress, ModelInfo model) {
        checkFolder(root);
        return open(root, root.resolve("images"), root.resolve("masks"), progress, model);
    }

    /** Pairs and validates every file of {@code root/images} and {@code root/masks}, the masks read with {@code values}. */
    public static SegmentationDataset open(Path root, Progress progress, MaskValues values, int classes) {
        checkFolder(root);
        return open(root, root.resolve("images"), root.resolve("masks"), progress, values, classes);
    }

    private static void checkFolder(Path root) {
        if (root == null || !Files.isDirectory(root)) {
            throw new SegPruneException("data folder '" + root + "' does not exist");
        }
    }

    /** Pairs and validates the files of two folders (binary masks). */
    public static SegmentationDataset open(Path root, Path imagesDir, Path masksDir, Progress progress) {
        return open(root, imagesDir, masksDir, progress, null);
    }

    /** Pairs and validates the files of two folders, the masks as the model reads them (null: binary). */
    public static SegmentationDataset open(Path root, Path imagesDir, Path masksDir, Progress progress, ModelInfo model) {
        boolean classes = model != null && model.multiClass();
        return open(root, imagesDir, masksDir, progress, MaskValues.parse(classes ? model.maskValues() : null),
                classes ? model.classCount() : 2);
    }

    /** Pairs and validates the files of two folders, the masks read with {@code values} (classes below {@code classes}). */
    public static SegmentationDataset open(Path root, Path imagesDir, Path masksDir, Progress progress, MaskValues values,
            int classes) {
        Map<String, Path> images = listByStem(imagesDir, "images");
        Map<String, Path> masks = byImageStem(listByStem(masksDir, "masks"), images);
        for (String stem : images.keySet()) {
            if (!masks.containsKey(stem)) {
                throw new SegPruneException("image '" + images.get(stem).getFileName() + "' has no mask in '" + masksDir
                        + "' (a mask is named like its image, optionally with one of the suffixes " + String.join(", ", MASK_SUFFIXES)
                        + ")");
            }
        }
        for (String stem : masks.keySet()) {
            if (!images.containsKey(stem)) {
                throw new SegPruneException("mask '" + masks.get(stem).getFileName() + "' has no image in '" + imagesDir + "'");
            }
        }
        if (images.isEmpty()) {
            throw new SegPruneException("no " + ImageFiles.FORMATS + " images in '" + imagesDir + "'");
        }
        List<Sample> samples = new ArrayList<>();
        int i = 0;
        for (String stem : images.keySet()) {
            progress.checkCancelled();
            Sample sample = new Sample(stem, images.get(stem), masks.get(stem));
            ImageFiles.validatePair(sample, values, classes);
            samples.add(sample);
            progress.report(++i / (double) images.size(), "checked " + i + " of " + images.size() + " image/mask pairs");
        }
        return new SegmentationDataset(root, samples);
    }

    /** A data set over already validated samples (a split, a table's rows). */
    public static SegmentationDataset of(Path root, List<Sample> samples) {
        if (samples.isEmpty()) {
            throw new SegPruneException("the data set '" + root + "' has no samples");
        }
        return new SegmentationDataset(root, samples);
    }

    /** Suffixes public data sets give mask file names (Shenzhen's "_mask", ISIC's "_segmentation"), matched ignoring case. */
    static final List<String> MASK_SUFFIXES = List.of("_mask", "-mask", "_masks", "_segmentation", "_seg", "_label", "_gt");

    /**
     * The masks by the stem of the image they belong to: a mask named like its image, or like it plus one of
     * {@link #MASK_SUFFIXES}, so that a public data set pairs without renaming files. Two masks for one image are an error.
     */
    private static Map<String, Path> byImageStem(Map<String, Path> masks, Map<String, Path> images) {
        Map<String, Path> paired = new TreeMap<>();
        for (Map.Entry<String, Path> mask : masks.entrySet()) {
            String stem = mask.getKey();
            String image = images.containsKey(stem) ? stem : MASK_SUFFIXES.stream()
                    .filter(suffix -> stem.toLowerCase(Locale.ROOT).endsWith(suffix))
                    .map(suffix -> stem.substring(0, stem.length() - suffix.length()))
                    .filter(images::containsKey).findFirst().orElse(stem);
            Path previous = paired.put(image, mask.getValue());
            if (previous != null) {
                throw new SegPruneException("image '" + images.get(image).getFileName() + "' has two masks: '"
                        + previous.getFileName() + "' and '" + mask.getValue().getFileName() + "'");
            }
        }
        return paired;
    }

    /** The PNG and JPEG files of a folder by file stem, sorted; {@code role} names the folder in errors. */
    public static Map<String, Path> listByStem(Path dir, String role) {
        if (!Files.isDirectory(dir)) {
            throw new SegPruneException("the " + role + " folder '" + dir + "' does not exist");
        }
        Map<String, Path> byStem = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(file) || !ImageFiles.isSupported(name)) {
                    continue;
                }
                String stem = name.substring(0, name.lastIndexOf('.'));
                Path previous = byStem.put(stem, file);
                if (previous != null) {
                    throw new SegPruneException("two " + role + " share the stem '" + stem + "': '"
                            + previous.getFileName() + "' and '" + name + "'");
                }
            }
        } catch (IOException e) {
            throw new SegPruneException("cannot list '" + dir + "': " + e.getMessage(), e);
        }
        return byStem;
    }

    public Path root() {
        return root;
    }

    public List<Sample> samples() {
        return samples;
    }

    public int size() {
        return samples.size();
    }

    /**
     * A seeded split: {@code validationFraction} of the samples (at least one, if there are two or
     * more) go to the validation part. Same seed, same split.
     */
    public Split split(double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new SegPruneException(String.format(Locale.ROOT,
                    "validation fraction %s is outside [0, 1)", validationFraction));
        }
        List<Sample> shuffled = new ArrayList<>(samples);
        Collections.shuffle(shuffled, new Random(seed));
        int validation = (int) Math.round(validationFraction * shuffled.size());
        if (validationFraction > 0 && validation == 0 && shuffled.size() > 1) {
            validation = 1;
        }
        if (validation >= shuffled.size()) {
            throw new SegPruneException(String.format(Locale.ROOT,
                    "a split fraction of %s on %d image(s) leaves no training images (validation/test part too large)",
                    validationFraction, shuffled.size()));
        }
        List<Sample> validationPart = new ArrayList<>(shuffled.subList(0, validation));
        List<Sample> trainPart = new ArrayList<>(shuffled.subList(validation, shuffled.size()));
        validationPart.sort((a, b) -> a.stem().compareTo(b.stem()));
        trainPart.sort((a, b) -> a.stem().compareTo(b.stem()));
        return new Split(new SegmentationDataset(root, trainPart),
                validationPart.isEmpty() ? null : new SegmentationDataset(root, validationPart));
    }

    /** A training part and an optional validation part. */
    public record Split(SegmentationDataset train, SegmentationDataset validation) {
    }
}
