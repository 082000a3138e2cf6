package org.segprune.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.segprune.data.ImageFiles;
import org.segprune.data.PhantomGenerator;
import org.segprune.data.Sample;
import org.segprune.data.SegmentationDataset;
import org.segprune.evaluate.EvaluationReport;
import org.segprune.evaluate.ImageMetrics;
import org.segprune.graph.ModelSummaries;
import org.segprune.interop.ExportFormat;
import org.segprune.interop.ModelExport;
import org.segprune.interop.onnx.OnnxExporter;
import org.segprune.evaluate.ModelDescription;
import org.segprune.model.ModelFiles;
import org.segprune.model.ModelSpec;
import org.segprune.model.ModelIO;
import org.segprune.model.SegmentationModel;
import org.segprune.score.FilterScorer;
import org.segprune.score.ScoreTable;
import org.segprune.score.Scorers;
import org.segprune.step.AttentionScorerSettings;
import org.segprune.step.AttentionScorerStep;
import org.segprune.step.EvaluatorSettings;
import org.segprune.step.SettingDef;
import org.segprune.step.EvaluatorStep;
import org.segprune.step.FilterPrunerSettings;
import org.segprune.step.FilterPrunerStep;
import org.segprune.step.FineTunerSettings;
import org.segprune.step.FineTunerStep;
import org.segprune.step.ImageRows;
import org.segprune.step.ModelReaderSettings;
import org.segprune.step.ModelReaderStep;
import org.segprune.step.PredictorSettings;
import org.segprune.step.PredictorStep;
import org.segprune.step.Steps;
import org.segprune.table.Csv;
import org.segprune.table.NodeTable;
import org.segprune.train.TrainingResult;
import org.segprune.train.TrainingSettings;
import org.segprune.util.Json;
import org.segprune.util.Progress;
import org.segprune.util.SegPruneException;

/**
 * The subcommands. Each reads and checks all its options first, then its input files, and only then
 * starts work; every output is written atomically. {@code train}, {@code score}, {@code prune},
 * {@code finetune} and {@code evaluate} run the engine's steps (Segmentation Model Reader, Attention Scorer, Filter
 * Pruner, Fine-Tuner, Segmentation Evaluator) on files: their options are the steps' settings, named by
 * each setting's flag (see {@link StepOptions}).
 */
final class Commands {

    /** The Fine-Tuner's settings that train and finetune offer. */
    static final List<String> TRAINING = List.of(FineTunerSettings.EPOCHS, FineTunerSettings.BATCH_SIZE,
            FineTunerSettings.LEARNING_RATE, FineTunerSettings.SCHEDULE, FineTunerSettings.FLIP, FineTunerSettings.PATIENCE,
            FineTunerSettings.VALIDATION_FRACTION, FineTunerSettings.SEED);
    /** The Segmentation Model Reader's settings that train offers (besides the required architecture). */
    static final List<String> MODEL = List.of(ModelReaderSettings.INPUT_SIZE, ModelReaderSettings.BASE_FILTERS,
            ModelReaderSettings.DEPTH, ModelReaderSettings.INPUT_CHANNELS, ModelReaderSettings.CLASSES);
    /** The Attention Scorer's settings that score offers (besides the required method). */
    static final List<String> SCORING = List.of(AttentionScorerSettings.EPOCHS, AttentionScorerSettings.LEARNING_RATE,
            AttentionScorerSettings.BATCH_SIZE, AttentionScorerSettings.REDUCTION, AttentionScorerSettings.SACA_GRIDS,
            AttentionScorerSettings.SBCA_POOL, AttentionScorerSettings.GATE_SPARSITY, AttentionScorerSettings.SEED);
    /** The Filter Pruner's settings that prune offers besides --ratio or --keep-params. */
    static final List<String> PRUNING = List.of(FilterPrunerSettings.MIN_CHANNELS, FilterPrunerSettings.SCORE_SCALE);
    /** The Segmentation Evaluator's settings that evaluate offers. */
    static final List<String> EVALUATION = List.of(SettingDef.PREDICTION_BATCH_SIZE, EvaluatorSettings.LATENCY_RUNS,
            SettingDef.RUNTIME);

    /** Every image of a --data folder: the command line has no split column. */
    static final Map<String, String> ALL_ROWS = Map.of(ImageRows.ROWS, ImageRows.ALL);

    /** Share of the images held out for testing by split and compare. */
    static final double TEST_FRACTION = 0.2;

    static final Set<String> FLAGS = flags();

    private final PrintStream out;
    private final PrintStream err;

    Commands(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    private static Set<String> flags() {
        Set<String> flags = new HashSet<>(StepOptions.switches());
        flags.add("with-optimizer");
        return Set.copyOf(flags);
    }

    private Progress progress(String step) {
        return new ConsoleProgress(err, step);
    }

    void train(Args args) {
        Path dataDir = args.path("data");
        Map<String, String> modelRaw = StepOptions.read(args, Steps.MODEL_READER, MODEL, Map.of(ModelReaderSettings.SOURCE,
                ModelReaderSettings.NEW, ModelReaderSettings.ARCHITECTURE, args.required("arch")));
        Map<String, String> tunerRaw = new LinkedHashMap<>(ALL_ROWS);
        tunerRaw.put(FineTunerSettings.EPOCHS, Integer.toString(TrainingSettings.DEFAULTS.epochs()));
        tunerRaw = StepOptions.read(args, Steps.FINE_TUNER, TRAINING, tunerRaw);
        FineTunerSettings tuner = Steps.FINE_TUNER.settings(tunerRaw);
        modelRaw.put(ModelReaderSettings.SEED, Long.toString(tuner.training().seed()));
        ModelSpec spec = Steps.MODEL_READER.settings(modelRaw).spec();
        Path output = args.path("out");
        Path curve = args.path("curve", null);
        boolean withOptimizer = args.flag("with-optimizer");
        args.rejectUnknown();
        SegmentationDataset data = SegmentationDataset.open(dataDir, progress("check data"), spec.maskValues(),
                spec.maskClasses());
        if (!args.has(Steps.MODEL_READER.schema().def(ModelReaderSettings.INPUT_CHANNELS).flag())) {
            modelRaw.put(ModelReaderSettings.INPUT_CHANNELS,
                    Integer.toString(ImageFiles.channelsOf(ImageFiles.read(data.samples().get(0).image()))));
        }
        SegmentationModel model = ModelReaderStep.run(Steps.MODEL_READER.settings(modelRaw), null, Progress.NONE);
        FineTunerStep.Trained trained = FineTunerStep.run(tuner, model, ImageRows.tableOf(data), null, progress("train"));
        TrainingResult result = trained.training();
        ModelIO.save(result.model(), output, withOptimizer);
        if (curve != null) {
            Csv.write(trained.curve(), null, curve);
        }
        int trainImages = data.split(tuner.validationFraction(), tuner.training().seed()).train().size();
        out.printf(Locale.ROOT, "trained %s (%d params) on %d images: best epoch %d, validation dice %.4f, %.3f s/img -> %s%n",
                model.info().architecture(), result.model().graph().numParams(), trainImages, result.bestEpoch(),
                result.bestValidationDice(), result.secondsPerImage(), output);
    }

    void score(Args args) {
        Path modelFile = args.path("model");
        FilterScorer scorer = Scorers.byName(args.required("method"));
        Path dataDir = args.path("data", null);
        Path output = args.path("out");
        Map<String, String> fixed = new LinkedHashMap<>(ALL_ROWS);
        fixed.put(AttentionScorerSettings.METHOD, scorer.name());
        AttentionScorerSettings settings = Steps.ATTENTION_SCORER.settings(StepOptions.read(args, Steps.ATTENTION_SCORER,
                SCORING, fixed));
        ModelOptions modelOptions = ModelOptions.read(args);
        args.rejectUnknown();
        if (scorer.needsData() && dataDir == null) {
            throw new SegPruneException("method '" + scorer.name() + "' needs images: give --data DIR");
        }
        SegmentationModel model = modelOptions.load(modelFile, progress("read model"));
        requirePrunable(model, modelFile);
        NodeTable images = dataDir == null ? null
                : ImageRows.tableOf(SegmentationDataset.open(dataDir, progress("check data"), model.info()));
        ScoreTable scores = AttentionScorerStep.run(settings, model, images, progress("score " + scorer.name())).scores();
        scores.writeCsv(output);
        out.printf(Locale.ROOT, "scored %d filters of %d layers with %s -> %s%n", scores.rows().size(), scores.layers().size(),
                scorer.name(), output);
    }

    private static void requirePrunable(SegmentationModel model, Path modelFile) {
        if (ModelSummaries.of(model).prunableLayers().isEmpty()) {
            throw new SegPruneException("model '" + modelFile + "' has no prunable layers");
        }
    }

    void info(Args args) {
        Path modelFile = args.path("model");
        ModelOptions modelOptions = ModelOptions.read(args);
        args.rejectUnknown();
        SegmentationModel model = modelOptions.load(modelFile, progress("read model"));
        out.println(Json.toString(ModelDescription.of(model, ModelFiles.detect(modelFile).id())));
    }

    void prune(Args args) {
        Path modelFile = args.path("model");
        Path scoresFile = args.path("scores");
        boolean ratio = args.has(FilterPrunerSettings.RATIO);
        boolean budget = args.has(Steps.FILTER_PRUNER.schema().def(FilterPrunerSettings.KEEP_PARAMS).flag());
        if (ratio == budget) {
            throw new SegPruneException("give exactly one of --ratio P or --keep-params F");
        }
        String mode = ratio ? FilterPrunerSettings.RATIO : FilterPrunerSettings.KEEP_PARAMS;
        List<String> offered = new ArrayList<>(List.of(mode));
        offered.addAll(PRUNING);
        FilterPrunerSettings settings = Steps.FILTER_PRUNER.settings(StepOptions.read(args, Steps.FILTER_PRUNER, offered,
                Map.of(FilterPrunerSettings.MODE, mode)));
        Path output = args.path("out");
        Path planFile = args.path("plan", null);
        ModelOptions modelOptions = ModelOptions.read(args);
        args.rejectUnknown();
        SegmentationModel model = modelOptions.load(modelFile, progress("read model"));
        requirePrunable(model, modelFile);
        NodeTable scores = ScoreTable.readCsv(scoresFile).toTable();
        long start = System.nanoTime();
        FilterPrunerStep.Pruned result = FilterPrunerStep.run(settings, model, scores, Progress.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        ModelIO.save(result.model(), output, false);
        if (planFile != null) {
            Json.write(planFile, result.plan());
        }
        out.printf(Locale.ROOT, "pruned %d -> %d params (%.2f%%) in %.2f s -> %s%n", result.plan().paramsBefore(),
                result.plan().paramsAfter(), 100 * result.plan().paramsFraction(), seconds, output);
    }

    void finetune(Args args) {
        Path modelFile = args.path("model");
        Path dataDir = args.path("data");
        FineTunerSettings settings = Steps.FINE_TUNER.settings(StepOptions.read(args, Steps.FINE_TUNER, TRAINING, ALL_ROWS));
        Path output = args.path("out");
        Path curve = args.path("curve", null);
        boolean withOptimizer = args.flag("with-optimizer");
        ModelOptions modelOptions = ModelOptions.read(args);
        args.rejectUnknown();
        SegmentationModel model = modelOptions.load(modelFile, progress("read model"));
        SegmentationDataset data = SegmentationDataset.open(dataDir, progress("check data"), model.info());
        FineTunerStep.Trained trained = FineTunerStep.run(settings, model, ImageRows.tableOf(data), null,
                progress("fine-tune"));
        TrainingResult result = trained.training();
        ModelIO.save(result.model(), output, withOptimizer);
        if (curve != null) {
            Csv.write(trained.curve(), null, curve);
        }
        out.printf(Locale.ROOT, "fine-tuned %d epoch(s): best epoch %d, validation dice %.4f -> %s%n", result.curve().size(),
                result.bestEpoch(), result.bestValidationDice(), output);
    }

    void evaluate(Args args) {
        Path modelFile = args.path("model");
        Path dataDir = args.path("data");
        Path output = args.path("out");
        Path perImage = args.path("per-image", null);
        Map<String, String> fixed = new LinkedHashMap<>(ALL_ROWS);
        fixed.put(EvaluatorSettings.MODEL_NAME, modelFile.getFileName().toString());
        fixed.put(EvaluatorSettings.OVERLAYS, "false");
        EvaluatorSettings settings = Steps.EVALUATOR.settings(StepOptions.read(args, Steps.EVALUATOR, EVALUATION, fixed));
        ModelOptions modelOptions = ModelOptions.read(args);
        args.rejectUnknown();
        SegmentationModel model = modelOptions.load(modelFile, progress("read model"));
        SegmentationDataset data = SegmentationDataset.open(dataDir, progress("check data"), model.info());
        EvaluatorStep.Evaluated result = EvaluatorStep.run(settings, model, ImageRows.tableOf(data), progress("evaluate"));
        Json.write(output, result.report());
        if (perImage != null) {
            Csv.write(result.perImage(), ImageMetrics.IMAGE, perImage);
        }
        EvaluationReport report = result.report();
        out.printf(Locale.ROOT, "dice %.4f +- %.4f (pooled %.4f) on %d images; %d params, %.3f GFLOPs, %.1f ms (%s on %s) -> %s%n",
                report.diceMean(), report.diceSd(), report.dicePooled(), report.images(), report.params(), report.gflops(),
                report.latencyMs(), report.runtime(), report.device(), output);
    }

    /** The Segmentation Predictor's settings that predict offers (it reads a folder and writes mask files). */
    static final List<String> PREDICTION = List.of(PredictorSettings.IMAGES_FOLDER, PredictorSettings.MASKS_FOLDER,
            SettingDef.PREDICTION_BATCH_SIZE, SettingDef.RUNTIME);

    void predict(Args args) {
        Path modelFile = args.path("model");
        args.path(Steps.PREDICTOR.schema().def(PredictorSettings.IMAGES_FOLDER).flag());
        Path output = args.path(Steps.PREDICTOR.schema().def(PredictorSettings.MASKS_FOLDER).flag());
        PredictorSettings settings = Steps.PREDICTOR.settings(StepOptions.read(args, Steps.PREDICTOR, PREDICTION,
                Map.of(PredictorSettings.SOURCE, PredictorSettings.FOLDER)));
        ModelOptions modelOptions = ModelOptions.read(args);
        args.rejectUnknown();
        PredictorStep.configure(settings, (org.segprune.table.TableSchema) null);
        SegmentationModel model = modelOptions.load(modelFile, progress("read model"));
        PredictorStep.Predicted result = PredictorStep.run(settings, model, null, null, progress("predict"));
        Path csv = output.resolve(PREDICTIONS_CSV);
        Csv.write(withoutImages(result.table()), "stem", csv);
        out.printf(Locale.ROOT, "%s (masks as <stem>.png), table %s%n", PredictorStep.summary(result), csv);
    }

    /** The table a predict run writes beside the mask files. */
    static final String PREDICTIONS_CSV = "predictions.csv";

    /** The table without its PNG columns (the images are the mask files). */
    private static NodeTable withoutImages(NodeTable table) {
        List<Integer> kept = new ArrayList<>();
        List<org.segprune.table.Column> columns = new ArrayList<>();
        for (int i = 0; i < table.schema().columns().size(); i++) {
            org.segprune.table.Column column = table.schema().columns().get(i);
            if (column.type() != org.segprune.table.ColumnType.PNG) {
                kept.add(i);
                columns.add(column);
            }
        }
        NodeTable.Builder builder = NodeTable.builder(new org.segprune.table.TableSchema(columns));
        for (NodeTable.Row row : table.rows()) {
            builder.add(row.key(), kept.stream().map(row::cell).toArray());
        }
        return builder.build();
    }

    void export(Args args) {
        Path modelFile = args.path("model");
        ExportFormat format = ExportFormat.byId(args.required("format"));
        Path output = args.path("out");
        String fold = args.string("fold-batchnorm", null);
        ModelOptions modelOptions = ModelOptions.read(args);
        args.rejectUnknown();
        if (fold != null && (format != ExportFormat.ONNX || !Set.of("true", "false").contains(fold))) {
            throw new SegPruneException("--fold-batchnorm takes true or false and applies to --format onnx only, got '" + fold + "'");
        }
        SegmentationModel model = modelOptions.load(modelFile, progress("read model"));
        ModelExport.write(model, format, output, new OnnxExporter.Options(!"false".equals(fold)), progress("export"));
        out.printf(Locale.ROOT, "exported %s (%d params) as %s -> %s%n", modelFile, model.graph().numParams(), format.id(), output);
    }

    void split(Args args) {
        Path dataDir = args.path("data");
        double testFraction = args.number("test-fraction", TEST_FRACTION);
        long seed = args.longValue("seed", 42);
        Path output = args.path("out");
        args.rejectUnknown();
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new SegPruneException("--test-fraction " + testFraction + " is outside (0, 1)");
        }
        SegmentationDataset data = SegmentationDataset.open(dataDir, progress("check data"));
        SegmentationDataset.Split parts = data.split(testFraction, seed);
        if (parts.validation() == null) {
            throw new SegPruneException("cannot split '" + dataDir + "': " + data.size() + " image(s) leave no test part");
        }
        link(parts.train().samples(), output.resolve("train"));
        link(parts.validation().samples(), output.resolve("test"));
        out.printf(Locale.ROOT, "split %d pairs: %d train, %d test -> %s%n", data.size(), parts.train().size(),
                parts.validation().size(), output);
    }

    /** Symbolic links (copies where links are not allowed) so that licensed data is never duplicated. */
    private static void link(List<Sample> samples, Path dir) {
        try {
            Files.createDirectories(dir.resolve("images"));
            Files.createDirectories(dir.resolve("masks"));
            for (Sample sample : samples) {
                linkOrCopy(sample.image(), dir.resolve("images").resolve(sample.image().getFileName()));
                linkOrCopy(sample.mask(), dir.resolve("masks").resolve(sample.mask().getFileName()));
            }
        } catch (IOException e) {
            throw new SegPruneException("cannot write split folder '" + dir + "': " + e.getMessage(), e);
        }
    }

    private static void linkOrCopy(Path source, Path target) throws IOException {
        Files.deleteIfExists(target);
        try {
            Files.createSymbolicLink(target, source.toAbsolutePath());
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(source, target);
        }
    }

    void phantoms(Args args) {
        PhantomGenerator.Kind kind = PhantomGenerator.Kind.parse(args.string("kind", "lung"));
        int count = args.integer("count", 40);
        int size = args.integer("size", 128);
        long seed = args.longValue("seed", 42);
        Path output = args.path("out");
        args.rejectUnknown();
        PhantomGenerator.generate(output, kind, count, size, seed, progress("phantoms"));
        out.printf(Locale.ROOT, "wrote %d %s phantoms of %dx%d -> %s%n", count, kind.name().toLowerCase(Locale.ROOT), size, size,
                output);
    }

    void demo(Args args) {
        Path output = args.path("out", Path.of("demo-out"));
        args.rejectUnknown();
        new Demo(out, err).run(output);
    }
}
