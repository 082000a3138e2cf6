#!/usr/bin/env bash
# The "bring your own model" worked example (docs/byom.md), from one command: a team's PyTorch U-Net
# (benchmarks/byom_train_pytorch.py: bilinear upsampling, logits head, fixed mean/std input normalisation)
# trained on the training part of a data set and exported to ONNX, then in SegPrune: info, test dice before,
# SACA scores, pruning to 5 % of the parameters, fine-tuning, ONNX export, and the test dice and ONNX Runtime
# latency of the exported file. Figures go to OUT/summary.json.
#
#   benchmarks/byom-example.sh [DATA_DIR] [OUT_DIR]     (defaults: ../shared/data/lung-cxr, out/byom-example)
#
# Needs Debian's python3-torch, python3-onnx and python3-pil for the PyTorch part (SegPrune does not).
# Environment: TORCH_EPOCHS (12), FINETUNE_EPOCHS (15), KEEP (0.05).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$root/../shared/data/lung-cxr}"
out="${2:-$root/out/byom-example}"
segprune="$root/segprune"
normalize="mean-std:0.5,0.25"   # what byom_train_pytorch.py trains with; ONNX files do not say it
mkdir -p "$out"
cd "$out"
start=$(date +%s)

[ -d split ] || "$segprune" split --data "$data" --test-fraction 0.2 --seed 42 --out split
[ -f unet.onnx ] || /usr/bin/python3 "$root/benchmarks/byom_train_pytorch.py" --data split/train --out unet.onnx \
  --epochs "${TORCH_EPOCHS:-12}" --mean 0.5 --std 0.25
"$segprune" info --model unet.onnx --normalize "$normalize" > info.json
"$segprune" evaluate --model unet.onnx --normalize "$normalize" --data split/test --out before-dl4j.json
"$segprune" evaluate --model unet.onnx --normalize "$normalize" --data split/test --runtime onnxruntime --out before-ort.json
"$segprune" score --model unet.onnx --normalize "$normalize" --method saca --data split/train --out saca.csv
"$segprune" prune --model unet.onnx --normalize "$normalize" --scores saca.csv --keep-params "${KEEP:-0.05}" \
  --out pruned.zip --plan plan.json
"$segprune" evaluate --model pruned.zip --data split/test --out pruned-dl4j.json
"$segprune" finetune --model pruned.zip --data split/train --epochs "${FINETUNE_EPOCHS:-15}" --out tuned.zip --curve curve.csv
"$segprune" export --model tuned.zip --format onnx --out tuned.onnx
"$segprune" evaluate --model tuned.onnx --data split/test --out after-dl4j.json
"$segprune" evaluate --model tuned.onnx --data split/test --runtime onnxruntime --out after-ort.json

python3 - "$(( $(date +%s) - start ))" <<'PY'
import json, os, sys
def report(name):
    r = json.load(open(name))
    return {k: r.get(k) for k in ("dice_mean", "dice_sd", "params", "size_mb", "file_size_mb", "gflops", "latency_ms", "runtime")}
summary = {"wall_seconds": int(sys.argv[1]), "original_onnx_mb": os.path.getsize("unet.onnx") / 1e6,
           "exported_onnx_mb": os.path.getsize("tuned.onnx") / 1e6}
for name in ("before-dl4j", "before-ort", "pruned-dl4j", "after-dl4j", "after-ort"):
    summary[name] = report(name + ".json")
json.dump(summary, open("summary.json.tmp", "w"), indent=1)
os.replace("summary.json.tmp", "summary.json")
print(json.dumps(summary, indent=1))
PY
