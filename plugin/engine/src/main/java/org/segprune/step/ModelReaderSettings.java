package org.segprune.step;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.segprune.model.Architectures;
import org.segprune.model.ModelSpec;
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

    public static final String NEW = "new";
    public static final String FILE = "file";

    public static final SettingsSchema SCHEMA = new SettingsSchema("Segmentation Model Reader", List.of(
            SettingDef.choice(SOURCE, "Source", NEW, List.of(NEW, FILE),
                    List.of("build a new, untrained network from the settings below (train it with the Fine-Tuner)",
                            "read a DL4J ComputationGraph model zip, e.g. one written by the Segmentation Model Writer, "
                                    + "by 'segprune train' or by DL4J's ModelSerializer"),
                    "Where the model comes from."),
            SettingDef.file(MODEL_FILE, "Model file",
                    "The DL4J model zip to read. A zip without SegPrune's metadata entry is accepted; its input size is "
                            + "then assumed to be 256 and its input channels are read from the first layer.")
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
            SettingDef.seed(SEED, "Seed", 42, "Seed of the weight initialisation.").inGroup("New model")
                    .enabledWhen(SOURCE, NEW)));

    private static List<String> architectureDocs() {
        List<String> docs = new ArrayList<>();
        for (String name : Architectures.names()) {
            docs.add(name.equals(ModelSpec.UNET)
                    ? "U-Net: per level two 3x3 convolution, batch norm, ReLU blocks, max-pool down, transposed "
                            + "convolution up, skip concatenations, 1x1 sigmoid head"
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
            return new ModelReaderSettings(values, null);
        }
        ModelSpec spec = new ModelSpec(values.string(ARCHITECTURE), values.integer(INPUT_SIZE), values.integer(INPUT_CHANNELS),
                values.integer(DEPTH), values.integer(BASE_FILTERS), values.integer(SEED));
        return new ModelReaderSettings(values, spec);
    }

    public boolean readsFile() {
        return spec == null;
    }

    /** The model file; a relative path is resolved against {@code base} (null: the working directory). */
    public Path modelFile(Path base) {
        return DataReaderSettings.resolve(base, values.string(MODEL_FILE));
    }

    /** What to build, or null when a file is read. */
    public ModelSpec spec() {
        return spec;
    }
}
