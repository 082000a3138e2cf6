#!/usr/bin/env bash
# Real-data check of the engine issue on ../shared/data/lung-cxr (never copied: the split is links).
# Trains a small U-Net at 128x128 on our own split, prunes it with l1 to 25 % of its parameters,
# fine-tunes and evaluates on the held-out test part, then asserts the issue's floors.
# Usage: .ci/real-data-check.sh [DATA_DIR] [WORK_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$root/../shared/data/lung-cxr}"
work="${2:-$(mktemp -d)}"
sp="$root/segprune"
common=(--seed 42 --batch 8)

"$sp" split --data "$data" --test-fraction 0.2 --seed 42 --out "$work/split"
"$sp" train --data "$work/split/train" --arch unet --size 128 --depth 4 --base 8 --epochs 30 "${common[@]}" \
  --curve "$work/base-curve.csv" --out "$work/base.zip"
"$sp" evaluate --model "$work/base.zip" --data "$work/split/test" --out "$work/base.json" --per-image "$work/base-images.csv"
"$sp" score --model "$work/base.zip" --method l1 --out "$work/l1.csv"
"$sp" prune --model "$work/base.zip" --scores "$work/l1.csv" --keep-params 0.25 --out "$work/pruned.zip" --plan "$work/plan.json"
"$sp" finetune --model "$work/pruned.zip" --data "$work/split/train" --epochs 20 "${common[@]}" \
  --curve "$work/tuned-curve.csv" --out "$work/tuned.zip"
"$sp" evaluate --model "$work/tuned.zip" --data "$work/split/test" --out "$work/tuned.json" --per-image "$work/tuned-images.csv"
# the speed-up is checked where teams deploy: in DL4J a small U-Net gains little from pruning (a fixed cost per
# operation, docs/benchmarks.md), so its latencies are printed, not compared
for model in base tuned; do
  "$sp" evaluate --model "$work/$model.zip" --data "$work/split/test" --runtime onnxruntime --out "$work/$model-ort.json"
done

python3 - "$work" <<'PY'
import json, os, sys
w = sys.argv[1]
base, tuned, base_ort, tuned_ort = (json.load(open(os.path.join(w, f)))
                                    for f in ("base.json", "tuned.json", "base-ort.json", "tuned-ort.json"))
plan = json.load(open(os.path.join(w, "plan.json")))
size = lambda f: os.path.getsize(os.path.join(w, f))
checks = [
    ("base dice >= 0.90", base["dice_mean"] >= 0.90),
    ("pruned+fine-tuned dice within 0.03 of base", tuned["dice_mean"] >= base["dice_mean"] - 0.03),
    ("params fraction <= 0.25", plan["params_fraction"] <= 0.25 and tuned["params"] / base["params"] <= 0.25),
    ("plan and report agree on params", plan["params_after"] == tuned["params"] and plan["params_before"] == base["params"]),
    ("MACs lower", tuned["macs"] < base["macs"]),
    ("file size lower", size("tuned.zip") < size("base.zip") and tuned["file_size_mb"] < base["file_size_mb"]),
    ("latency lower (ONNX Runtime)", tuned_ort["latency_ms"] < base_ort["latency_ms"]),
    ("ONNX Runtime gives DL4J's dice", abs(base_ort["dice_mean"] - base["dice_mean"]) <= 1e-4
     and abs(tuned_ort["dice_mean"] - tuned["dice_mean"]) <= 1e-4),
]
print(f"base : dice {base['dice_mean']:.4f} +- {base['dice_sd']:.4f} params {base['params']} GFLOPs {base['gflops']:.3f} "
      f"file {base['file_size_mb']:.2f} MB latency {base['latency_ms']:.1f} ms (ONNX Runtime {base_ort['latency_ms']:.1f} ms)")
print(f"tuned: dice {tuned['dice_mean']:.4f} +- {tuned['dice_sd']:.4f} params {tuned['params']} "
      f"({100*tuned['params']/base['params']:.1f} %) GFLOPs {tuned['gflops']:.3f} file {tuned['file_size_mb']:.2f} MB "
      f"latency {tuned['latency_ms']:.1f} ms (ONNX Runtime {tuned_ort['latency_ms']:.1f} ms)")
ok = sum(1 for _, passed in checks if passed)
for name, passed in checks:
    print(("ok   " if passed else "FAIL ") + name)
print(f"{ok} passed, {len(checks) - ok} failed")
sys.exit(0 if ok == len(checks) else 1)
PY
