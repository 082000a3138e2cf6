package org.segprune.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.segprune.score.FilterScorer;
import org.segprune.score.Scorers;
import org.segprune.score.ScoringSettings;

/** Settings of the Attention Scorer: the scoring method and how the attention modules are trained. */
public final class AttentionScorerSettings extends SettingsBase {

    public static final String METHOD = "method";
    public static final String EPOCHS = "epochs";
    public static final String LEARNING_RATE = "learning_rate";
    public static final String BATCH_SIZE = "batch_size";
    public static final String REDUCTION = "reduction";
    public static final String SACA_GRIDS = "saca_grids";
    public static final String SBCA_POOL = "sbca_pool";
    public static final String GATE_SPARSITY = "gate_sparsity";
    public static final String SEED = "seed";

    /** Port of the image table among the node's inputs (0 is the model). */
    public static final int TABLE_PORT = 1;

    private static final String[] ATTENTION = attentionMethods();

    public static final SettingsSchema SCHEMA = new SettingsSchema("Attention Scorer", defs());

    private static List<SettingDef> defs() {
        List<String> docs = new ArrayList<>();
        for (FilterScorer scorer : Scorers.all()) {
            docs.add(scorer.description() + (scorer.needsData() ? " (needs images)" : " (weights only, no images needed)"));
        }
        ScoringSettings d = ScoringSettings.DEFAULTS;
        List<SettingDef> defs = new ArrayList<>(List.of(
                SettingDef.choice(METHOD, "Method", "saca", Scorers.names(), docs,
                        "How the importance of each filter is scored; in every layer, the higher the score the more "
                                + "important the filter. Attention methods attach a module to every prunable layer, train "
                                + "only these modules on the images for a few epochs and score each filter by its mean "
                                + "gate; the model itself is not changed."),
                SettingDef.integer(EPOCHS, "Epochs", d.epochs(), 1, 1000,
                        "Epochs of training the attention modules.").inGroup("Attention training")
                        .enabledWhen(METHOD, ATTENTION),
                SettingDef.real(LEARNING_RATE, "Learning rate", d.learningRate(), 1e-7, 0.5,
                        "Adam learning rate of the attention modules.").withFlag("lr").inGroup("Attention training")
                        .enabledWhen(METHOD, ATTENTION),
                SettingDef.integer(BATCH_SIZE, "Batch size", d.batchSize(), 1, 1024,
                        "Images per mini-batch.").withFlag("batch").inGroup("Attention training").enabledWhen(METHOD, ATTENTION),
                SettingDef.integer(REDUCTION, "Reduction", d.reduction(), 1, 1024,
                        "Reduction r of the gate MLP: its hidden width is max(channels / r, 4).")
                        .inGroup("Attention training").enabledWhen(METHOD, ATTENTION),
                SettingDef.text(SACA_GRIDS, "SACA grid sizes", d.sacaGridsText(),
                        "SACA only: each feature map is average-pooled onto these grids (1,2,4 = 1x1, 2x2 and 4x4 cells, "
                                + "21 values per channel) before the learned weights reduce them to one value per channel.")
                        .inGroup("Attention training").enabledWhen(METHOD, "saca"),
                SettingDef.integer(SBCA_POOL, "SBCA pooled size", d.sbcaPool(), 1, 1024,
                        "SBCA only: feature maps are average-pooled to at most this size before the channel affinity "
                                + "is computed.").inGroup("Attention training").enabledWhen(METHOD, "sbca"),
                SettingDef.text(GATE_SPARSITY, "Gate sparsity", "1e-6",
                        "Weight lambda of the penalty on the sum of all gates that is added to the segmentation loss while "
                                + "the modules train, so that gates of filters the network does not need sink towards 0; a "
                                + "number in [0, 1) such as 1e-6 (a text field, because a spinner would round such small "
                                + "values). 0 trains on the segmentation loss alone; ECA ignores it.")
                        .inGroup("Attention training").enabledWhen(METHOD, ATTENTION),
                SettingDef.seed(SEED, "Seed", d.seed(), "Seed of the attention modules' initialisation.")
                        .inGroup("Attention training").enabledWhen(METHOD, ATTENTION)));
        for (SettingDef def : ImageRows.defs(TABLE_PORT, DataReaderStep.TRAIN, "Images")) {
            defs.add(def.enabledKey() == null ? def.enabledWhen(METHOD, ATTENTION) : def);
        }
        return defs;
    }

    private static String[] attentionMethods() {
        return Scorers.all().stream().filter(FilterScorer::needsData).map(FilterScorer::name).toArray(String[]::new);
    }

    private final FilterScorer scorer;
    private final ScoringSettings scoring;
    private final ImageRows rows;

    private AttentionScorerSettings(SettingValues values) {
        super(values);
        this.scorer = Scorers.byName(values.string(METHOD));
        ScoringSettings d = ScoringSettings.DEFAULTS;
        this.scoring = new ScoringSettings(values.integer(EPOCHS), values.real(LEARNING_RATE), values.integer(BATCH_SIZE),
                values.integer(REDUCTION), ScoringSettings.parseGrids(values.string(SACA_GRIDS), SCHEMA.def(SACA_GRIDS).label()),
                values.integer(SBCA_POOL), ScoringSettings.parseGateSparsity(values.string(GATE_SPARSITY),
                        SCHEMA.def(GATE_SPARSITY).label()),
                values.integer(SEED));
        this.rows = ImageRows.from(values);
    }

    public static AttentionScorerSettings from(Map<String, String> raw) {
        return new AttentionScorerSettings(SCHEMA.parse(raw));
    }

    public FilterScorer scorer() {
        return scorer;
    }

    public ScoringSettings scoring() {
        return scoring;
    }

    public ImageRows rows() {
        return rows;
    }
}
