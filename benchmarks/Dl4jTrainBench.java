import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.segprune.data.Batches;
import org.segprune.data.SampleLoader;
import org.segprune.data.SegmentationDataset;
import org.segprune.model.Architectures;
import org.segprune.model.ModelIO;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.util.Progress;

/**
 * Steady-state training speed of the SegPrune U-Net in DL4J, measured the way benchmarks/pytorch_unet.py
 * measures PyTorch: a fixed batch size, warm-up steps first (oneDNN primitive creation, workspace sizing),
 * then timed {@code graph.fit} steps. Uses only the engine's public API (the same model builder, data
 * loader, loss and Adam settings as {@code segprune train}); data loading is outside the timed region, as
 * in the engine's own Trainer. Saves the trained model so that the command line can score, prune and
 * evaluate it.
 *
 * <p>Run by benchmarks/run.sh in Java's single-file source mode against the engine's class path:
 * {@code java -cp CLASSES:RUNTIME Dl4jTrainBench.java --data DIR --size 128 --base 16 --depth 4 --batch 8
 * --warmup 3 --steps 10 --out MODEL.zip --json RESULT.json}
 */
public final class Dl4jTrainBench {

    private Dl4jTrainBench() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = parse(argv);
        Path data = Path.of(required(args, "data"));
        int size = Integer.parseInt(args.getOrDefault("size", "128"));
        int base = Integer.parseInt(args.getOrDefault("base", "16"));
        int depth = Integer.parseInt(args.getOrDefault("depth", "4"));
        int batch = Integer.parseInt(args.getOrDefault("batch", "8"));
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "3"));
        int steps = Integer.parseInt(args.getOrDefault("steps", "10"));
        long seed = Long.parseLong(args.getOrDefault("seed", "42"));
        Path out = Path.of(required(args, "out"));
        Path json = Path.of(required(args, "json"));
        if (warmup < 1 || steps < 1 || batch < 1) {
            throw new IllegalArgumentException("--warmup, --steps and --batch must be at least 1");
        }

        Dl4jRuntime.init();
        SegmentationModel model = Architectures.build(new ModelSpec(ModelSpec.UNET, size, 1, depth, base, seed));
        ComputationGraph graph = model.graph();

        // Full batches only, loaded before timing; the timed steps cycle through them.
        SegmentationDataset dataset = SegmentationDataset.open(data, Progress.NONE);
        SampleLoader loader = new SampleLoader(size, 1);
        List<DataSet> batches = new ArrayList<>();
        for (Batches.Batch b : Batches.shuffled(dataset, loader, batch, seed, true)) {
            if (b.size() == batch) {
                batches.add(new DataSet(b.features(), b.labels()));
            }
        }
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("need at least " + batch + " images in " + data);
        }

        double[] warmupSeconds = new double[warmup];
        for (int i = 0; i < warmup; i++) {
            long start = System.nanoTime();
            graph.fit(batches.get(i % batches.size()));
            warmupSeconds[i] = (System.nanoTime() - start) / 1e9;
        }
        double[] stepSeconds = new double[steps];
        long total = 0;
        for (int i = 0; i < steps; i++) {
            long start = System.nanoTime();
            graph.fit(batches.get((warmup + i) % batches.size()));
            long nanos = System.nanoTime() - start;
            total += nanos;
            stepSeconds[i] = nanos / 1e9;
        }
        double secondsPerImage = total / 1e9 / (steps * (double) batch);
        double[] sorted = stepSeconds.clone();
        Arrays.sort(sorted);
        double medianStep = steps % 2 == 1 ? sorted[steps / 2] : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2;
        boolean onednn = Dl4jRuntime.convolutionHelperActive(graph);

        ModelIO.save(new SegmentationModel(graph, model.info().with(String.format(Locale.ROOT,
                "benchmark: %d training steps of batch %d", warmup + steps, batch))), out, false);

        String result = String.format(Locale.ROOT, "{%n"
                + "  \"framework\": \"dl4j\",%n"
                + "  \"size\": %d, \"base\": %d, \"depth\": %d, \"batch\": %d,%n"
                + "  \"params\": %d,%n"
                + "  \"params_with_bn_stats\": %d,%n"
                + "  \"threads\": %d,%n"
                + "  \"onednn_conv_helper\": %b,%n"
                + "  \"warmup_steps\": %d, \"timed_steps\": %d,%n"
                + "  \"train_s_per_img\": %.5f,%n"
                + "  \"train_median_step_s\": %.5f,%n"
                + "  \"first_step_s\": %.4f,%n"
                + "  \"warmup_step_s\": %s,%n"
                + "  \"timed_step_s\": %s,%n"
                + "  \"final_loss\": %.5f%n"
                + "}%n",
                size, base, depth, batch, trainableParams(graph), graph.numParams(), Dl4jRuntime.threads(), onednn, warmup,
                steps, secondsPerImage, medianStep, warmupSeconds[0], array(warmupSeconds), array(stepSeconds), graph.score());
        Files.writeString(json, result);
        System.out.print(result);
        System.exit(0);
    }

    /** Parameters without the batch-norm running statistics (what PyTorch's parameters() counts). */
    private static long trainableParams(ComputationGraph graph) {
        long count = 0;
        for (Map.Entry<String, org.nd4j.linalg.api.ndarray.INDArray> e : graph.paramTable().entrySet()) {
            String key = e.getKey().substring(e.getKey().lastIndexOf('_') + 1);
            if (!key.equals("mean") && !key.equals("var") && !key.equals("log10stdev")) {
                count += e.getValue().length();
            }
        }
        return count;
    }

    private static String array(double[] values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", values[i]));
        }
        return s.append(']').toString();
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i < argv.length; i += 2) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + argv[i] + "'");
            }
            args.put(argv[i].substring(2), argv[i + 1]);
        }
        return args;
    }

    private static String required(Map<String, String> args, String name) {
        String value = args.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }
}
