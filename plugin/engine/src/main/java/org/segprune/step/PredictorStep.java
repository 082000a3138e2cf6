package org.segprune.step;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.segprune.data.DatasetNormalization;
import org.segprune.data.ImageFiles;
import org.segprune.data.SampleLoader;
import org.segprune.data.SegmentationDataset;
import org.segprune.evaluate.Evaluator;
import org.segprune.graph.InferenceForm;
import org.segprune.model.ClassMaps;
import org.segprune.model.ModelInfo;
import org.segprune.model.OutputHead;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.runtime.ForwardPass;
import org.segprune.table.Column;
import org.segprune.table.ColumnType;
import org.segprune.table.NodeTable;
import org.segprune.table.TableSchema;
import org.segprune.util.AtomicFiles;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/**
 * Segmentation Predictor: segments images that need no masks, with the model's own preprocessing and head, and
 * lists each predicted mask (at the image's size) with its foreground fraction; optionally writes the masks as PNG
 * files.
 */
public final class PredictorStep extends Step<PredictorSettings> {

    public static final String IMAGE = "image";
    public static final String MASK = "predicted_mask";
    public static final String FOREGROUND = "foreground_fraction";
    public static final String MASK_FILE = "mask_file";

    /** The columns every prediction table has (a mask file column follows when mask files are written). */
    public static final TableSchema COLUMNS = TableSchema.of(
            new Column(IMAGE, ColumnType.STRING, "the image file (absolute path)"),
            new Column(MASK, ColumnType.PNG, "the predicted mask at the image's size: 255 foreground, 0 background (a "
                    + "multi-class model: the class index of every pixel)"),
            new Column(FOREGROUND, ColumnType.DOUBLE, "share of the predicted mask's pixels that are foreground"));

    static final String TABLE = "the image table";

    /** The predictions and the folder the mask files went to (null if none were written). */
    public record Predicted(NodeTable table, Path masksFolder) {
    }

    private record Item(String key, Path image) {
    }

    PredictorStep() {
        super(new About("org.segprune.knime.nodes.predictor.PredictorNodeFactory", "Predictor", "predictor.png",
                "Segments new images with a segmentation model: predicted masks and their foreground fraction.",
                "<p>Segments every image of the image table (or of a folder) with the model: each image is resized to "
                        + "the model's input size and prepared as the model expects (channels and intensity "
                        + "normalisation, as stored with the model), the model's output head is read as it is "
                        + "(sigmoid, softmax over classes with the chosen foreground class, or raw logits), the "
                        + "foreground probability is resized back to the image's size and thresholded at "
                        + Evaluator.THRESHOLD + ". A multi-class model (its mask values are not binary) gives every "
                        + "pixel a class instead: the most probable one (background included) under a softmax, the most "
                        + "probable one above " + Evaluator.THRESHOLD + " for sigmoid channels, and its mask holds the "
                        + "class index (0 background, 1, 2, ...). Masks are not needed.</p>"
                        + "<p>The output lists, per image, the predicted mask as a PNG image and the share of its "
                        + "pixels that are foreground. Optionally the masks are also written as PNG files to a "
                        + "folder.</p>",
                List.of("predictor", "segmentation", "inference", "masks", "apply model")),
                PredictorSettings.SCHEMA,
                List.of(Port.model("Segmentation model", Port.MODEL_DOC),
                        Port.table("Image table", "A table with a string column of image file paths, for example the "
                                + "<i>Segmentation Data Reader</i>'s; not needed when the images come from a folder.")
                                .asOptional()),
                List.of(Port.table("Predictions", "One row per image (row ID: the input row's ID or the file stem) "
                        + "with the predicted mask (PNG) and its foreground fraction, and the mask file's path when "
                        + "mask files are written.", COLUMNS)));
    }

    @Override
    public PredictorSettings settings(Map<String, String> raw) {
        return PredictorSettings.from(raw);
    }

    @Override
    public List<Object> configure(PredictorSettings settings, List<Object> inSpecs) {
        return List.of(configure(settings, tableSpec(inSpecs.get(PredictorSettings.TABLE_PORT))));
    }

    @Override
    public Result execute(PredictorSettings settings, List<Object> inputs, Context context) {
        Predicted result = run(settings, (SegmentationModel) inputs.get(0), (NodeTable) inputs.get(PredictorSettings.TABLE_PORT),
                context.base(), context.progress());
        return new Result(List.of(result.table()), summary(result));
    }

    /** One line about the predictions: how many, their mean foreground fraction and where mask files went. */
    public static String summary(Predicted result) {
        double mean = result.table().column(FOREGROUND).stream().mapToDouble(v -> (Double) v).average().orElse(Double.NaN);
        return String.format(Locale.ROOT, "predicted %d images, mean foreground fraction %.4f%s", result.table().size(), mean,
                result.masksFolder() == null ? "" : " -> " + result.masksFolder());
    }

    /** The output columns: {@link #COLUMNS}, and the mask file column when mask files are written. */
    public static TableSchema outputSchema(PredictorSettings settings) {
        List<Column> columns = new ArrayList<>(COLUMNS.columns());
        if (settings.masksFolder(null) != null) {
            columns.add(new Column(MASK_FILE, ColumnType.STRING, "the written mask file (absolute path)"));
        }
        return new TableSchema(columns);
    }

    /** @param images the image table's columns, null if it is not connected */
    public static TableSchema configure(PredictorSettings settings, TableSchema images) {
        if (!settings.fromFolder()) {
            if (images == null) {
                throw new SegPruneException("connect an image table, or set " + PredictorSettings.SCHEMA
                        .def(PredictorSettings.SOURCE).describe() + " to 'folder'");
            }
            images.require(TABLE, settings.imageColumn(), "image paths", ColumnType.STRING);
            if (!settings.rows().equals(ImageRows.ALL)) {
                images.require(TABLE, settings.splitColumn(), "the train/test split", ColumnType.STRING);
            }
        }
        Path masks = settings.masksFolder(null);
        if (masks != null && Files.exists(masks) && !Files.isDirectory(masks)) {
            throw new SegPruneException("the mask files folder '" + masks + "' is a file");
        }
        return outputSchema(settings);
    }

    /**
     * @param images the image table (null when the images come from a folder)
     * @param base   folder that relative folder settings are resolved against (null: working directory)
     */
    public static Predicted run(PredictorSettings settings, SegmentationModel model, NodeTable images, Path base,
            Progress progress) {
        configure(settings, images == null ? null : images.schema());
        List<Item> items = settings.fromFolder() ? folderItems(settings.imagesFolder(base)) : tableItems(settings, images);
        Path masksFolder = settings.masksFolder(base);
        if (masksFolder != null && Files.exists(masksFolder) && !Files.isDirectory(masksFolder)) {
            throw new SegPruneException("the mask files folder '" + masksFolder + "' is a file");
        }
        Dl4jRuntime.init();
        model = DatasetNormalization.resolve(model, items.stream().map(Item::image).toList(),
                settings.fromFolder() ? settings.imagesFolder(base).toString() : "the image table", progress.silent());
        SampleLoader loader = SampleLoader.forModel(model.info());
        NodeTable.Builder table = NodeTable.builder(outputSchema(settings));
        try (ForwardPass inference = settings.runtime().open(InferenceForm.of(model), settings.threads(), progress.silent())) {
            predict(settings, model, items, loader, inference, masksFolder, table, progress);
        }
        return new Predicted(table.build(), masksFolder == null ? null : masksFolder.toAbsolutePath());
    }

    private static void predict(PredictorSettings settings, SegmentationModel model, List<Item> items, SampleLoader loader,
            ForwardPass inference, Path masksFolder, NodeTable.Builder table, Progress progress) {
        int done = 0;
        for (int from = 0; from < items.size(); from += settings.batchSize()) {
            progress.checkCancelled();
            List<Item> batch = items.subList(from, Math.min(items.size(), from + settings.batchSize()));
            List<SampleLoader.LoadedImage> loaded = new ArrayList<>();
            for (Item item : batch) {
                loaded.add(loader.loadImage(item.image()));
            }
            INDArray output = inference.output(features(loaded, loader));
            ModelInfo info = model.info();
            float[][] probability = info.multiClass() ? ClassMaps.of(output, info).probability()
                    : new float[][] {null, OutputHead.foreground(output, info)};
            int outH = (int) output.size(2);
            int outW = (int) output.size(3);
            for (int i = 0; i < batch.size(); i++) {
                SampleLoader.LoadedImage image = loaded.get(i);
                float[][] resized = new float[probability.length][];
                for (int c = 1; c < probability.length; c++) {
                    float[] plane = Arrays.copyOfRange(probability[c], i * outH * outW, (i + 1) * outH * outW);
                    resized[c] = ImageFiles.resizeBilinear(plane, outW, outH, image.width(), image.height());
                }
                // one class: 255 where the foreground probability exceeds the threshold; K classes: the class index
                int[] labels = info.multiClass() ? ClassMaps.labels(resized, info.multiLabel()) : threshold(resized[1]);
                int on = info.multiClass() ? 1 : 255;
                BufferedImage mask = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_BYTE_GRAY);
                long foreground = 0;
                for (int p = 0; p < labels.length; p++) {
                    foreground += labels[p] > 0 ? 1 : 0;
                    mask.getRaster().setSample(p % image.width(), p / image.width(), 0, labels[p] * on);
                }
                byte[] png = png(mask);
                Item item = batch.get(i);
                List<Object> cells = new ArrayList<>(List.of(item.image().toString(), png,
                        foreground / (double) labels.length));
                if (masksFolder != null) {
                    Path file = masksFolder.resolve(fileName(item.key()) + ".png").toAbsolutePath();
                    AtomicFiles.writeStream(file, out -> out.write(png));
                    cells.add(file.toString());
                }
                table.add(item.key(), cells.toArray());
            }
            done += batch.size();
            progress.report(done / (double) items.size(), "predicted " + done + " of " + items.size() + " images");
        }
    }

    /** 1 where a foreground probability exceeds {@link Evaluator#THRESHOLD}, else 0. */
    private static int[] threshold(float[] probability) {
        int[] labels = new int[probability.length];
        for (int p = 0; p < probability.length; p++) {
            labels[p] = probability[p] > Evaluator.THRESHOLD ? 1 : 0;
        }
        return labels;
    }

    private static INDArray features(List<SampleLoader.LoadedImage> images, SampleLoader loader) {
        int c = loader.channels();
        int plane = loader.size() * loader.size();
        float[] features = new float[images.size() * c * plane];
        for (int i = 0; i < images.size(); i++) {
            for (int ch = 0; ch < c; ch++) {
                System.arraycopy(images.get(i).planes()[ch], 0, features, (i * c + ch) * plane, plane);
            }
        }
        return Nd4j.create(features, new long[] {images.size(), c, loader.size(), loader.size()}, 'c');
    }

    private static List<Item> folderItems(Path folder) {
        Map<String, Path> files = SegmentationDataset.listByStem(folder, "images");
        if (files.isEmpty()) {
            throw new SegPruneException("no " + ImageFiles.FORMATS + " images in '" + folder + "'");
        }
        return files.entrySet().stream().map(e -> new Item(e.getKey(), e.getValue().toAbsolutePath())).toList();
    }

    private static List<Item> tableItems(PredictorSettings settings, NodeTable images) {
        int image = images.schema().indexOf(settings.imageColumn());
        int split = settings.rows().equals(ImageRows.ALL) ? -1 : images.schema().indexOf(settings.splitColumn());
        List<Item> items = new ArrayList<>();
        for (NodeTable.Row row : images.rows()) {
            if (split >= 0 && !settings.rows().equals(row.cell(split))) {
                continue;
            }
            Object value = row.cell(image);
            if (value == null || value.toString().isBlank()) {
                throw new SegPruneException("row '" + row.key() + "' of " + TABLE + " has no path in column '"
                        + settings.imageColumn() + "'");
            }
            Path path = Path.of(value.toString().trim());
            if (!Files.isRegularFile(path)) {
                throw new SegPruneException("row '" + row.key() + "' of " + TABLE + ": file '" + path + "' does not exist");
            }
            items.add(new Item(row.key(), path.toAbsolutePath()));
        }
        if (items.isEmpty()) {
            throw new SegPruneException(settings.rows().equals(ImageRows.ALL) ? TABLE + " has no rows"
                    : String.format(Locale.ROOT, "%s has no row whose column '%s' says '%s' (%d rows)", TABLE,
                            settings.splitColumn(), settings.rows(), images.size()));
        }
        return items;
    }

    private static byte[] png(BufferedImage mask) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(mask, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String fileName(String key) {
        return key.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
