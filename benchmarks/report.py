#!/usr/bin/python3
"""Collects the measurements of benchmarks/run.sh into one JSON file and prints a markdown table.

Usage (run.sh calls it): report.py --work DIR --out RESULT.json --mode full|quick CONFIG...
where DIR holds machine.json and one folder per configuration with config.json, dl4j-train.json,
prune.log, dl4j-eval.json, dl4j-eval-pruned.json, ort-eval.json, ort-eval-pruned.json, plan.json and pytorch.json. Standard library only.
"""

import argparse
import datetime
import json
import os
import re
import sys


def load(path):
    with open(path) as f:
        return json.load(f)


def surgery_seconds(prune_log):
    """`segprune prune` prints 'pruned A -> B params (P%) in S s -> FILE'."""
    with open(prune_log) as f:
        text = f.read()
    match = re.search(r"pruned (\d+) -> (\d+) params \(([\d.]+)%\) in ([\d.]+) s", text)
    if not match:
        sys.exit(f"report.py: no pruning summary in {prune_log}")
    return int(match.group(1)), int(match.group(2)), float(match.group(4))


def cli_train(log):
    """`segprune train` prints '... trained unet (N params) on K images: ..., S s/img -> FILE'."""
    with open(log) as f:
        text = f.read()
    match = re.search(r"on (\d+) images: .*, ([\d.]+) s/img", text)
    if not match:
        sys.exit(f"report.py: no training summary in {log}")
    return int(match.group(1)), float(match.group(2))


def configuration(work, name):
    d = os.path.join(work, name)
    config = load(os.path.join(d, "config.json"))
    train = load(os.path.join(d, "dl4j-train.json"))
    evaluation = load(os.path.join(d, "dl4j-eval.json"))
    pruned = load(os.path.join(d, "dl4j-eval-pruned.json"))
    ort = load(os.path.join(d, "ort-eval.json"))
    ort_pruned = load(os.path.join(d, "ort-eval-pruned.json"))
    for dl4j_report, ort_report in ((evaluation, ort), (pruned, ort_pruned)):
        if ort_report["runtime"] != "onnxruntime" or abs(dl4j_report["dice_mean"] - ort_report["dice_mean"]) > 1e-4:
            sys.exit(f"report.py: {name}: ONNX Runtime's evaluation ({ort_report['runtime']}, dice "
                     f"{ort_report['dice_mean']}) does not match DL4J's (dice {dl4j_report['dice_mean']})")
    torch = load(os.path.join(d, "pytorch.json"))
    plan = load(os.path.join(d, "plan.json"))
    before, after, surgery = surgery_seconds(os.path.join(d, "prune.log"))
    cli_images, cli_s_per_img = cli_train(os.path.join(d, "cli-train.log"))
    if not (train["params"] == evaluation["params"] == before == torch["params"]):
        sys.exit(f"report.py: {name}: parameter counts differ: DL4J train {train['params']}, evaluate "
                 f"{evaluation['params']}, prune {before}, PyTorch {torch['params']}")
    if not (pruned["params"] == after == torch.get("pruned_params")):
        sys.exit(f"report.py: {name}: pruned parameter counts differ: DL4J {pruned['params']}, prune {after}, "
                 f"PyTorch {torch.get('pruned_params')}")
    return {
        **config,
        "params": train["params"],
        "params_with_bn_stats": train["params_with_bn_stats"],
        "pruned_params": after,
        "pruned_fraction": after / before,
        "pruned_channels": {layer["layer"]: f"{layer['channels_before']} -> {layer['channels_after']}" for layer in plan["layers"]},
        "gflops": evaluation["gflops"],
        "pruned_gflops": pruned["gflops"],
        "dl4j": {
            "threads": train["threads"],
            "onednn_conv_helper": train["onednn_conv_helper"],
            "train_s_per_img": train["train_s_per_img"],
            "train_median_step_s": train["train_median_step_s"],
            "train_first_step_s": train["first_step_s"],
            "train_warmup_step_s": train["warmup_step_s"],
            "train_timed_step_s": train["timed_step_s"],
            "warmup_steps": train["warmup_steps"],
            "timed_steps": train["timed_steps"],
            "cli_train_s_per_img": cli_s_per_img,
            "cli_train_images": cli_images,
            "cli_train_epochs": config["cli_train_epochs"],
            "latency_ms": evaluation["latency_ms"],
            "latency_runs": evaluation["latency_runs"],
            "eval_threads": evaluation["threads"],
            "backend": evaluation["backend"],
            "device": evaluation["device"],
            "pruned_latency_ms": pruned["latency_ms"],
            "surgery_s": surgery,
            "source": "train: benchmarks/Dl4jTrainBench.java; cli_train: segprune train; latency: segprune evaluate; "
                      "surgery: segprune prune",
        },
        "onnxruntime": {
            "threads": ort["threads"],
            "latency_ms": ort["latency_ms"],
            "latency_runs": ort["latency_runs"],
            "pruned_latency_ms": ort_pruned["latency_ms"],
            "device": ort["device"],
            "source": "segprune evaluate --runtime onnxruntime (the inference form exported to ONNX in memory)",
        },
        "pytorch": {
            "threads": torch["threads"],
            "train_s_per_img": torch["train_s_per_img"],
            "train_median_step_s": torch["train_median_step_s"],
            "train_first_step_s": torch["first_step_s"],
            "train_warmup_step_s": torch["warmup_step_s"],
            "train_timed_step_s": torch["timed_step_s"],
            "warmup_steps": torch["warmup_steps"],
            "timed_steps": torch["timed_steps"],
            "latency_ms": torch["latency_ms"],
            "latency_runs": torch["latency_runs"],
            "pruned_latency_ms": torch["pruned_latency_ms"],
            "source": "benchmarks/pytorch_unet.py",
        },
    }


def ratio_cell(time, pytorch):
    """Time ratio to PyTorch; within 5 % counts as on par (repeated runs on an idle machine differ by up to about 10 %)."""
    r = time / pytorch
    return f"{r:.2f} ({'faster' if r < 0.95 else 'slower' if r > 1.05 else 'on par'})"


def table(result):
    lines = ["| Input | Measure | DL4J | ONNX Runtime | PyTorch | DL4J / PyTorch | ONNX Runtime / PyTorch |",
             "| --- | --- | ---: | ---: | ---: | --- | --- |"]
    for c in result["configurations"]:
        size = f"{c['size']}x{c['size']}"
        d, o, t = c["dl4j"], c["onnxruntime"], c["pytorch"]
        pct = f"{100 * c['pruned_fraction']:.0f} %"
        flop_ratio = c["gflops"] / c["pruned_gflops"]
        lines.append(f"| {size} | training, s per image (batch {c['batch']}) | {d['train_s_per_img']:.3f} | - | "
                     f"{t['train_s_per_img']:.3f} | {ratio_cell(d['train_s_per_img'], t['train_s_per_img'])} | - |")
        lines.append(f"| {size} | latency, batch 1, ms ({c['params'] / 1e6:.2f} M params, {c['gflops']:.2f} GFLOPs) | "
                     f"{d['latency_ms']:.1f} | {o['latency_ms']:.1f} | {t['latency_ms']:.1f} | "
                     f"{ratio_cell(d['latency_ms'], t['latency_ms'])} | {ratio_cell(o['latency_ms'], t['latency_ms'])} |")
        lines.append(f"| {size} | latency after l1 pruning to {pct} of the params, batch 1, ms "
                     f"({c['pruned_params'] / 1e6:.2f} M params, {c['pruned_gflops']:.2f} GFLOPs) | "
                     f"{d['pruned_latency_ms']:.1f} | {o['pruned_latency_ms']:.1f} | {t['pruned_latency_ms']:.1f} | "
                     f"{ratio_cell(d['pruned_latency_ms'], t['pruned_latency_ms'])} | "
                     f"{ratio_cell(o['pruned_latency_ms'], t['pruned_latency_ms'])} |")
        lines.append(f"| {size} | pruned speed-up (latency before / after) for {flop_ratio:.1f}x fewer FLOPs | "
                     f"{d['latency_ms'] / d['pruned_latency_ms']:.2f}x | {o['latency_ms'] / o['pruned_latency_ms']:.2f}x | "
                     f"{t['latency_ms'] / t['pruned_latency_ms']:.2f}x | - | - |")
        lines.append(f"| {size} | pruning (l1 channel selection + surgery), s | {d['surgery_s']:.2f} | - | - | - | - |")
        lines.append(f"| {size} | training as printed by `segprune train` ({d['cli_train_epochs']} epoch(s) of "
                     f"{d['cli_train_images']} images, cold start included), s per image | {d['cli_train_s_per_img']:.3f} | "
                     f"- | - | - | - |")
        lines.append(f"| {size} | first training step, cold, s (batch {c['batch']}) | {d['train_first_step_s']:.2f} | - | "
                     f"{t['train_first_step_s']:.2f} | {ratio_cell(d['train_first_step_s'], t['train_first_step_s'])} | - |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--mode", required=True, choices=["full", "quick"])
    parser.add_argument("configs", nargs="+")
    args = parser.parse_args()

    machine = load(os.path.join(args.work, "machine.json"))
    configurations = [configuration(args.work, name) for name in args.configs]
    first_torch = load(os.path.join(args.work, args.configs[0], "pytorch.json"))
    with open("/proc/loadavg") as f:
        machine["load_average_at_end"] = " ".join(f.read().split()[:3])
    # Other processes' CPU use (cores), sampled for 2 s before and after each measurement step.
    steps = {}
    steps_file = os.path.join(args.work, "steps.txt")
    if os.path.exists(steps_file):
        with open(steps_file) as f:
            for line in f:
                if line.strip():
                    step, tries, before, after = line.rstrip("\n").rsplit("|", 3)
                    steps[step] = {"tries": int(tries), "other_load_before": float(before),
                                   "other_load_after": float(after)}
    machine["measurement_steps"] = steps
    samples = [v for s in steps.values() for v in (s["other_load_before"], s["other_load_after"])]
    machine["other_load_max"] = max(samples, default=0.0)
    machine["other_load_mean"] = sum(samples) / len(samples) if samples else 0.0
    machine["busy"] = machine["other_load_max"] > 0.25
    machine["torch_version"] = first_torch["torch_version"]
    machine["torch_mkldnn"] = first_torch["mkldnn"]
    machine["python_version"] = first_torch["python_version"]
    machine["dl4j_threads"] = configurations[0]["dl4j"]["threads"]
    machine["torch_threads"] = configurations[0]["pytorch"]["threads"]
    machine["onnxruntime_threads"] = configurations[0]["onnxruntime"]["threads"]
    result = {
        "benchmark": "SegPrune U-Net, DL4J engine and ONNX Runtime vs PyTorch, CPU",
        "mode": args.mode,
        "started": machine.pop("started", None),
        "finished": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": "benchmarks/run.sh" + (" --quick" if args.mode == "quick" else ""),
        "machine": machine,
        "configurations": configurations,
    }
    markdown = table(result)
    result["table_markdown"] = markdown
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out + ".tmp", "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    os.replace(args.out + ".tmp", args.out)

    m = machine
    print(f"U-Net base {configurations[0]['base']}, depth {configurations[0]['depth']}; {m['cores']} cores "
          f"({m['cpu_model']}), {m['java_version']}, PyTorch {m['torch_version']}; threads DL4J {m['dl4j_threads']}, "
          f"ONNX Runtime {m['onnxruntime_threads']}, PyTorch {m['torch_threads']}; load average {m['load_average_at_start']} at start, "
          f"{m['load_average_at_end']} at end")
    if m["busy"]:
        print(f"CAVEAT: other processes used up to {m['other_load_max']:.1f} of the {m['cores']} cores next to the "
              f"measurements (mean {m['other_load_mean']:.1f}): the figures are slower and noisier than on an idle machine.")
    print()
    print(markdown)


if __name__ == "__main__":
    main()
