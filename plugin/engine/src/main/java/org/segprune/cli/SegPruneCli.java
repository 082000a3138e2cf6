package org.segprune.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.segprune.model.Architectures;
import org.segprune.runtime.Backend;
import org.segprune.runtime.Dl4jRuntime;
import org.segprune.score.Scorers;
import org.segprune.step.Steps;
import org.segprune.train.TrainingSettings;
import org.segprune.util.CancelledException;
import org.segprune.util.OutOfMemory;
import org.segprune.util.SegPruneException;

/**
 * The {@code segprune} command line: one subcommand per engine step. User errors end with one line
 * on stderr and exit code 2; nothing is written for them.
 */
public final class SegPruneCli {

    static final String USAGE = String.join("\n",
            "usage: segprune [--backend auto|cpu|gpu] <command> [options]",
            "  --backend: what DL4J computes on (default: the environment variable " + Backend.ENV + ", else auto:"
                    + " the GPU if ND4J's CUDA backend is installed and usable, else the CPU)",
            "  train    --data DIR --arch " + String.join("|", Architectures.names()) + " --out MODEL.zip",
            "           " + StepOptions.usage(Steps.MODEL_READER, Commands.MODEL) + " (default: the images' channels)",
            "  info     --model MODEL [--input-size N]   (JSON: format, input shape, output, params, GFLOPs, prunable layers;"
                    + " MODEL: DL4J zip or ONNX)",
            "  score    --model MODEL.zip --method " + String.join("|", Scorers.names()) + " [--data DIR] --out SCORES.csv",
            "           attention options: " + StepOptions.usage(Steps.ATTENTION_SCORER, Commands.SCORING),
            "  prune    --model MODEL.zip --scores SCORES.csv (--ratio P | --keep-params F) --out PRUNED.zip [--plan PLAN.json]",
            "           " + StepOptions.usage(Steps.FILTER_PRUNER, Commands.PRUNING),
            "  finetune --model PRUNED.zip --data DIR --out TUNED.zip",
            "  evaluate --model MODEL.zip --data DIR --out REPORT.json [--per-image IMAGES.csv]",
            "           " + StepOptions.usage(Steps.EVALUATOR, Commands.EVALUATION),
            "  predict  --model MODEL --images DIR --out DIR   (a mask <stem>.png per image and predictions.csv in DIR)",
            "           " + StepOptions.usage(Steps.PREDICTOR, List.of(org.segprune.step.SettingDef.PREDICTION_BATCH_SIZE,
                    org.segprune.step.SettingDef.RUNTIME)),
            "  export   --model MODEL.zip --format onnx|dl4j --out FILE [--fold-batchnorm true|false]",
            "  split    --data DIR --test-fraction F [--seed S] --out DIR   (train/ and test/ folders of links)",
            "  phantoms --kind lung|lesion --count N [--size S] [--seed S] --out DIR",
            "  demo     [--out DIR]",
            CompareCommand.usage(),
            "  run      WORKFLOW_DIR [--set NODE.SETTING=VALUE ...] [--out DIR] [--check] [--mountpoint-root DIR]"
                    + " [--parallel N]",
            "           (a KNIME workflow of SegPrune nodes; N independent nodes at once; knime://knime.mountpoint/ is"
                    + " --mountpoint-root, default: the workflow folder's parent)",
            "model options of every command with --model: --input-size N --channels grey|rgb|bgr"
                    + " --normalize none|scale255|image-std|dataset-std|mean-std:M,S --output-channel K"
                    + " --mask-values binary|class-index|values:a,b,c",
            "training options of train (default --epochs " + TrainingSettings.DEFAULTS.epochs() + ") and finetune:",
            "           " + StepOptions.usage(Steps.FINE_TUNER, Commands.TRAINING) + " [--curve CURVE.csv]");

    /** The global option choosing the backend; it comes before the command. */
    static final String BACKEND = "--backend";

    private SegPruneCli() {
    }

    public static void main(String[] argv) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(new LibraryOutputFilter(System.err), true, StandardCharsets.UTF_8));
        System.exit(run(argv, out, System.err));
    }

    /** Runs one command; returns the process exit code. */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 0 || Set.of("-h", "--help", "help").contains(argv[0])) {
            out.println(USAGE);
            return argv.length == 0 ? 2 : 0;
        }
        int first = argv[0].equals(BACKEND) ? 2 : 0;
        if (first == 2 && argv.length < 3) {
            err.println("segprune: error: " + (argv.length < 2 ? BACKEND + " needs a value (auto, cpu or gpu)"
                    : "no command after " + BACKEND + " " + argv[1] + " (run segprune --help)"));
            return 2;
        }
        String command = argv[first];
        List<String> rest = Arrays.asList(argv).subList(first + 1, argv.length);
        try {
            Dl4jRuntime.init(Backend.resolve(first == 2 ? argv[1] : null, System.getenv(), System.getProperty(Backend.PROPERTY)));
            Commands commands = new Commands(out, err);
            switch (command) {
                case "train" -> commands.train(new Args(command, rest, Commands.FLAGS));
                case "info" -> commands.info(new Args(command, rest, Commands.FLAGS));
                case "score" -> commands.score(new Args(command, rest, Commands.FLAGS));
                case "prune" -> commands.prune(new Args(command, rest, Commands.FLAGS));
                case "finetune" -> commands.finetune(new Args(command, rest, Commands.FLAGS));
                case "evaluate" -> commands.evaluate(new Args(command, rest, Commands.FLAGS));
                case "predict" -> commands.predict(new Args(command, rest, Commands.FLAGS));
                case "export" -> commands.export(new Args(command, rest, Commands.FLAGS));
                case "split" -> commands.split(new Args(command, rest, Commands.FLAGS));
                case "phantoms" -> commands.phantoms(new Args(command, rest, Commands.FLAGS));
                case "demo" -> commands.demo(new Args(command, rest, Commands.FLAGS));
                case "compare" -> new CompareCommand(out, err).run(new Args(command, rest, Commands.FLAGS));
                case "run" -> new RunCommand(out, err).run(new Args(command, rest, RunCommand.FLAGS));
                default -> throw new SegPruneException("unknown command '" + command + "' (run segprune --help)");
            }
            return 0;
        } catch (SegPruneException e) {
            err.println("segprune: error: " + e.getMessage().replace('\n', ' '));
            return 2;
        } catch (CancelledException e) {
            err.println("segprune: cancelled");
            return 130;
        } catch (RuntimeException | OutOfMemoryError e) {
            String memory = OutOfMemory.describe("'" + command + "'", e,
                    "with SEGPRUNE_JAVA_OPTS, e.g. SEGPRUNE_JAVA_OPTS=-Dorg.bytedeco.javacpp.maxphysicalbytes=16G");
            if (memory == null) {
                throw e;
            }
            err.println("segprune: error: " + memory);
            return 2;
        }
    }
}
