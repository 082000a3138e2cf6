package org.segprune.step;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.segprune.model.Architectures;
import org.segprune.model.MaskValues;
import org.segprune.model.ModelInfo;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.util.SegPruneException;

/** Settings of the Segmentation Model Reader: read a DL4J model file, or build a new untrained built-in network. */
public final class ModelReaderSettings extends SettingsBase {

    public static final String SOURCE = "source";
    public static final String MODEL_FILE = "model_file";
    public static final String ARCHITECTURE = "architecture";
    public static final String INPUT_SIZE = "input_size";
    public static final String INPUT_CHANNELS = "input_channels";
    public static final String DEPTH = "depth";
    public static final String BASE_FILTERS = "base_filters";
    public static final String SEED = "seed";
    public static final String CLASSES = "classes";
    public static final String FILE_INPUT_SIZE = "file_input_size";
    public static final String CHANNEL_ORDER = "channel_order";
    public static final String NORMALIZATION = "normalization";
    public static final String OUTPUT_CHANNEL = "output_channel";
    public static final String MASK_VALUES = SettingDef.MASK_VALUES;
    /** The settings of a model read from a file that it may not carry itself; every command with --model offers them. */
    public static final List<String> IMPORT_KEYS = List.of(FILE_INPUT_SIZE, CHANNEL_ORDER, NORMALIZATION, OUTPUT_CHANNEL,
            MASK_VALUES);
    /** The value of the import settings that keeps what the model file says. */
    public static final String AS_STORED = "as-stored";

    public static final String NEW = "new";
    public static final String FILE = "file";

    public static final SettingsSchema SCHEMA = new SettingsSchema("Segmentation Model Reader", List.of(
            SettingDef.choice(SOURCE, "Source", NEW, List.of(NEW, FILE),
                    List.of("build a new, untrained network from the settings below (train it with the Fine-Tuner)",
                            "read a model file: a DL4J ComputationGraph zip (written by the Segmentation Model Writer, "
                                    + "'segprune train' or DL4J's ModelSerializer), an ONNX file or a Keras 2 .h5 full "
                                    + "model, recognised by content"),
                    "Where the model comes from."),
            SettingDef.file(MODEL_FILE, "Model file",
                    "The model to read: DL4J zip, ONNX or Keras 2 .h5. A DL4J zip without SegPrune's metadata entry is "
                            + "accepted; its input size is then assumed to be 256 and its input channels are read from the "
                            + "first layer.")
                    .enabledWhen(SOURCE, FILE),
            SettingDef.integer(FILE_INPUT_SIZE, "Input size", 0, 0, 4096,
                    "Width and height for a model whose input size is not fixed (ONNX or Keras with free height and "
                            + "width); 0 keeps the size the file gives.").withFlag("input-size").inGroup("Model file")
                    .enabledWhen(SOURCE, FILE),
            SettingDef.choice(CHANNEL_ORDER, "Channel order", AS_STORED, List.of(AS_STORED, ModelInfo.GREY, ModelInfo.RGB,
                    ModelInfo.BGR), List.of("what the file says (SegPrune's files), else grey for 1 and RGB for 3 channels",
                            "one grey channel", "red, green, blue", "blue, green, red (OpenCV-trained models)"),
                    "The order of the colour channels the model was trained with.").withFlag("channels")
                    .inGroup("Model file").enabledWhen(SOURCE, FILE),
            SettingDef.text(NORMALIZATION, "Intensity normalisation", AS_STORED,
                    "How pixel values were scaled for training: as-stored (what the file says; else scale255), none "
                            + "(0-255), scale255 (divided by 255), image-std (each image to zero mean and unit std), "
                            + "dataset-std (the mean and std of the images the next step reads, then stored with the "
                            + "model), mean-std:M,S (fixed mean and std on the 0-1 scale, e.g. mean-std:0.485,0.229).")
                    .withFlag("normalize").inGroup("Model file").enabledWhen(SOURCE, FILE),
            SettingDef.integer(OUTPUT_CHANNEL, "Foreground channel", -1, -1, 4095,
                    "The output channel that segments the foreground in a model with several output channels; -1 keeps "
                            + "what the file says (else the last class of a softmax, channel 0 otherwise).")
                    .withFlag("output-channel").inGroup("Model file").enabledWhen(SOURCE, FILE),
            SettingDef.maskValues(AS_STORED, "as-stored (what the model file says; else binary)").inGroup("Model file")
                    .enabledWhen(SOURCE, FILE),
            SettingDef.choice(ARCHITECTURE, "Architecture", ModelSpec.UNET, Architectures.names(), architectureDocs(),
                    "The built-in network to build.").withFlag("arch").inGroup("New model").enabledWhen(SOURCE, NEW),
            SettingDef.integer(INPUT_SIZE, "Input size", 256, 16, 2048,
                    "Width and height in pixels the network reads; images are resized to it. Must be a multiple of "
                            + "2^depth.").withFlag("size").inGroup("New model").enabledWhen(SOURCE, NEW),
            SettingDef.integer(INPUT_CHANNELS, "Input channels", 1, 1, 3,
                    "1 for grey images, 3 for RGB (a grey image given to a 3-channel network is repeated, an RGB image "
                            + "given to a 1-channel network becomes its luma).").withFlag("channels").inGroup("New model")
                    .enabledWhen(SOURCE, NEW),
            SettingDef.integer(DEPTH, "Depth", 4, 1, 6,
                    "Number of down-sampling levels of the encoder.").inGroup("New model").enabledWhen(SOURCE, NEW),
            SettingDef.integer(BASE_FILTERS, "Base filters", 64, 1, 512,
                    "Filters of the first level; they double at every level down.").withFlag("base").inGroup("New model")
                    .enabledWhen(SOURCE, NEW),
            SettingDef.integer(CLASSES, "Output classes", 1, 1, ModelSpec.MAX_CLASSES,
                    "1: one sigmoid output that separates foreground from background (binary masks, 0 and 255). 2 or "
                            + "more: one softmax output per class, class 0 the background; the masks then hold class "
                            + "indices 0, 1, 2, ... (read them with the Data Reader's mask values 'class-index').")
                    .withFlag("classes").inGroup("New model").enabledWhen(SOURCE, NEW),
            SettingDef.seed(SEED, "Seed", 42, "Seed of the weight initialisation.").inGroup("New model")
                    .enabledWhen(SOURCE, NEW)));

    private static List<String> architectureDocs() {
        List<String> docs = new ArrayList<>();
        for (String name : Architectures.names()) {
            docs.add(name.equals(ModelSpec.UNET)
                    ? "U-Net: per level two 3x3 convolution, batch norm, ReLU blocks, max-pool down, transposed "
                            + "convolution up, skip concatenations, 1x1 head (sigmoid, or softmax for several classes)"
                    : "the built-in '" + name + "' network");
        }
        return docs;
    }

    private final ModelSpec spec;

    private ModelReaderSettings(SettingValues values, ModelSpec spec) {
        super(values);
        this.spec = spec;
    }

    public static ModelReaderSettings from(Map<String, String> raw) {
        SettingValues values = SCHEMA.parse(raw);
        if (values.string(SOURCE).equals(FILE)) {
            if (values.string(MODEL_FILE).isEmpty()) {
                throw new SegPruneException("choose the model file to read");
            }
            String normalization = values.string(NORMALIZATION).trim();
            if (!normalization.equals(AS_STORED)) {
                try {
                    ModelInfo.checkNormalization(normalization.toLowerCase(java.util.Locale.ROOT));
                } catch (SegPruneException e) {
                    throw new SegPruneException(SCHEMA.def(NORMALIZATION).describe() + ": " + e.getMessage(), e);
                }
            }
            String masks = values.string(MASK_VALUES).trim();
            if (!masks.equals(AS_STORED)) {
                try {
                    MaskValues.parse(masks);
                } catch (SegPruneException e) {
                    throw new SegPruneException(SCHEMA.def(MASK_VALUES).describe() + ": " + e.getMessage(), e);
                }
            }
            return new ModelReaderSettings(values, null);
        }
        ModelSpec spec = new ModelSpec(values.string(ARCHITECTURE), values.integer(INPUT_SIZE), values.integer(INPUT_CHANNELS),
                values.integer(DEPTH), values.integer(BASE_FILTERS), values.integer(SEED), values.integer(CLASSES));
        return new ModelReaderSettings(values, spec);
    }

    public boolean readsFile() {
        return spec == null;
    }

    /** The model file; a relative path is resolved against {@code base} (null: the working directory). */
    public Path modelFile(Path base) {
        return DataReaderSettings.resolve(base, values.string(MODEL_FILE));
    }

    /**
     * The model read from a file with the import settings applied: the file's own values where a setting says
     * {@link #AS_STORED} (or -1), the setting's otherwise.
     */
    public SegmentationModel withImportSettings(SegmentationModel model) {
        String order = values.string(CHANNEL_ORDER);
        String normalization = values.string(NORMALIZATION).trim();
        int channel = values.integer(OUTPUT_CHANNEL);
        String masks = values.string(MASK_VALUES).trim();
        if (order.equals(AS_STORED) && normalization.equals(AS_STORED) && channel < 0 && masks.equals(AS_STORED)) {
            return model;
        }
        return new SegmentationModel(model.graph(), model.info().withPreprocessing(order.equals(AS_STORED) ? null : order,
                normalization.equals(AS_STORED) ? null : normalization, channel < 0 ? null : channel)
                .withMaskValues(masks.equals(AS_STORED) ? null : masks));
    }

    /** The input size for a model file whose size is not fixed; 0 when the file's own is kept. */
    public int fileInputSize() {
        return values.integer(FILE_INPUT_SIZE);
    }

    /** What to build, or null when a file is read. */
    public ModelSpec spec() {
        return spec;
    }
}
