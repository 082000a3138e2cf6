import java.nio.file.*;
import java.util.*;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.segprune.data.*;
import org.segprune.graph.*;
import org.segprune.model.*;
import org.segprune.prune.*;
import org.segprune.score.*;
import org.segprune.train.*;
import org.segprune.evaluate.*;
import org.segprune.util.*;

/**
 * Issue 16 diagnosis (not a test): prunes one base model in several ways and prints, per variant, the kept
 * channels per layer, the logit range and dead channels before fine-tuning, and the validation dice per
 * fine-tuning epoch. Arguments: BASE.zip TRAIN_DIR BUDGET FT_EPOCHS VARIANT... where VARIANT is
 * METHOD:SCALE[:bias|:adabn] (SCALE auto, layer-max or raw; bias shifts the head so that it predicts the
 * masks' foreground share) or alloc=A,choose=B (channel counts per layer from method A, the channels
 * themselves from method B). Scores are cached as scores-METHOD.csv in the working folder. Run with
 * benchmarks/collapse-diagnosis.sh. The figures in docs/method.md were measured on the engine before the
 * foreground guard (commit db9d22a); on later engines the Trainer applies the guard in every variant.
 */
public class CollapseDiagnosis {
  static SegmentationModel base; static ChannelGraph graph; static SampleLoader loader;
  static SegmentationDataset.Split fit; static Map<String, ScoreTable> tables = new HashMap<>();
  static double budget; static int ftEpochs;

  public static void main(String[] a) throws Exception {
    base = ModelIO.load(Path.of(a[0]));
    SegmentationDataset data = SegmentationDataset.open(Path.of(a[1]), Progress.NONE);
    budget = Double.parseDouble(a[2]); ftEpochs = Integer.parseInt(a[3]);
    fit = data.split(0.2, 42);
    graph = ChannelGraph.of(base);
    loader = new SampleLoader(base.info().inputSize(), base.info().inputChannels());
    for (int i = 4; i < a.length; i++) {
      long t0 = System.nanoTime();
      run(a[i]);
      System.out.printf(Locale.ROOT, "   (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
    }
  }

  static ScoreTable scores(String m) {
    return tables.computeIfAbsent(m, k -> {
      Path cache = Path.of("scores-" + k + ".csv");
      if (Files.exists(cache)) return ScoreTable.readCsv(cache);
      ScoreTable t = Scorers.byName(k).score(new ScoringRequest(base, graph, fit.train(), ScoringSettings.DEFAULTS, Progress.NONE));
      t.writeCsv(cache);
      return t;
    });
  }

  static void run(String variant) {
    SegmentationModel pruned; PrunePlan plan;
    String fix = "plain";
    if (variant.startsWith("alloc=")) {
      String[] p = variant.substring(6).split(",choose=");
      plan = Pruner.prune(base, scores(p[0]), PruneSettings.keepParams(budget, 4)).plan();
      Map<Integer, int[]> kept = new LinkedHashMap<>();
      for (PrunePlan.LayerPlan lp : plan.layers()) {
        double[] v = scores(p[1]).scores(lp.layer());
        Integer[] idx = new Integer[v.length]; for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (x, y) -> Double.compare(v[y], v[x]));
        int[] k = Arrays.stream(idx).limit(lp.channelsAfter()).mapToInt(Integer::intValue).sorted().toArray();
        kept.put(graph.groupOf(lp.layer()).id(), k);
      }
      pruned = Surgery.apply(base, graph, kept, variant);
    } else {
      String[] p = variant.split(":");
      fix = p.length > 2 ? p[2] : "plain";
      Pruner.Result r = Pruner.prune(base, scores(p[0]), PruneSettings.keepParams(budget, 4).withScoreScale(PruneSettings.ScoreScale.byId(p[1])));
      pruned = r.model(); plan = r.plan();
    }
    StringBuilder sb = new StringBuilder();
    for (PrunePlan.LayerPlan lp : plan.layers()) sb.append(lp.layer()).append('=').append(lp.channelsAfter()).append(' ');
    System.out.println("== " + variant + " params " + Pruner.prune(base, scores("l1"), PruneSettings.keepParams(budget, 4)).plan().paramsAfter() + "(l1) kept: " + sb);
    ComputationGraph g = pruned.graph();
    if (fix.contains("adabn")) adaBn(g);
    if (fix.contains("bias")) headBias(g);
    probe(g, "before FT");
    double before = Evaluator.meanDice(g, pruned.info(), fit.validation(), loader, 8, Progress.NONE);
    System.out.printf(Locale.ROOT, "   val dice before FT %.4f%n", before);
    if (ftEpochs > 0) {
      TrainingSettings ts = TrainingSettings.DEFAULTS.withEpochs(ftEpochs).withSeed(42).withBatchSize(8);
      TrainingResult tr = Trainer.train(new SegmentationModel(g, pruned.info()), fit.train(), fit.validation(), ts, "ft", Progress.NONE);
      StringBuilder cu = new StringBuilder();
      for (EpochRecord er : tr.curve()) cu.append(String.format(Locale.ROOT, "%d:%.3f/%.3f ", er.epoch(), er.loss(), er.validationDice()));
      System.out.println("   FT (loss/valdice): " + cu);
      probe(tr.model().graph(), "after FT");
    }
  }

  static Batches.Batch firstBatch(int n) {
    return Batches.inOrder(fit.train(), loader, n).iterator().next();
  }

  static void probe(ComputationGraph g, String when) {
    Batches.Batch b = firstBatch(16);
    for (boolean train : new boolean[]{false, true}) {
      Map<String, INDArray> acts = g.feedForward(b.features(), train);
      INDArray z = acts.get("head").castTo(DataType.DOUBLE);
      double fg = b.labels().castTo(DataType.DOUBLE).meanNumber().doubleValue();
      double predFg = z.gt(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
      StringBuilder dead = new StringBuilder();
      for (Map.Entry<String, INDArray> e : acts.entrySet()) {
        if (!e.getKey().endsWith("relu") && !e.getKey().endsWith("_act")) continue;
        INDArray x = e.getValue();
        if (x.rank() != 4) continue;
        INDArray maxPerC = x.max(0, 2, 3);
        long deadC = maxPerC.lte(0).castTo(DataType.INT32).sumNumber().longValue();
        double mean = x.meanNumber().doubleValue();
        dead.append(String.format(Locale.ROOT, "%s:%d/%d,%.2g ", e.getKey(), deadC, x.size(1), mean));
      }
      System.out.printf(Locale.ROOT, "   %s %s: logit min %.2f mean %.2f max %.2f, predicted fg %.4f vs mask fg %.4f%n",
          when, train ? "train-mode" : "infer-mode", z.minNumber().doubleValue(), z.meanNumber().doubleValue(), z.maxNumber().doubleValue(), predFg, fg);
      if (!train) System.out.println("     relu dead/C,mean: " + dead);
    }
  }

  /** Re-estimates every batch norm's running mean/variance on training images, layer by layer in topological order. */
  static void adaBn(ComputationGraph g) {
    Batches.Batch b = firstBatch(32);
    for (String v : g.getConfiguration().getTopologicalOrderStr()) {
      org.deeplearning4j.nn.api.Layer l = g.getVertex(v).hasLayer() ? g.getLayer(v) : null;
      if (!(l instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization)) continue;
      String in = g.getConfiguration().getVertexInputs().get(v).get(0);
      INDArray x = g.feedForward(b.features(), false).get(in).castTo(DataType.DOUBLE);
      INDArray mean = x.mean(0, 2, 3);
      INDArray var = x.var(false, 0, 2, 3);
      l.setParam("mean", mean.reshape(l.getParam("mean").shape()).castTo(DataType.FLOAT));
      if (l.paramTable().containsKey("log10stdev")) {
        double eps = ((org.deeplearning4j.nn.conf.layers.BatchNormalization) l.conf().getLayer()).getEps();
        INDArray ls = org.nd4j.linalg.ops.transforms.Transforms.log(var.add(eps), 10.0, true).mul(0.5);
        l.setParam("log10stdev", ls.reshape(l.getParam("log10stdev").shape()).castTo(DataType.FLOAT));
      } else {
        l.setParam("var", var.reshape(l.getParam("var").shape()).castTo(DataType.FLOAT));
      }
    }
  }

  /** Shifts the head bias so that the predicted foreground fraction equals the masks'. */
  static void headBias(ComputationGraph g) {
    Batches.Batch b = firstBatch(32);
    INDArray z = g.feedForward(b.features(), false).get("head").castTo(DataType.DOUBLE);
    double fg = b.labels().castTo(DataType.DOUBLE).meanNumber().doubleValue();
    double[] v = z.data().asDouble(); Arrays.sort(v);
    double q = v[(int) Math.min(v.length - 1, Math.round((1 - fg) * v.length))];
    INDArray bias = g.getLayer("head").getParam("b");
    g.getLayer("head").setParam("b", bias.sub(q));
    System.out.printf(Locale.ROOT, "   head bias shifted by %.3f%n", -q);
  }
}
