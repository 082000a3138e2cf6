#!/usr/bin/env bash
# Real-data check of issue 16 on ../shared/data/lung-cxr (never copied: the split is links): a base-16
# U-Net at 128x128, SE-scored and pruned to 1.1 % of its parameters, used to end fine-tuning at dice
# 0.000 (all background) where l1 kept 0.876. Asserts that the fine-tuned SE model finds the
# foreground on held-out images (dice above 0.5, the issue's floor) without the guard's warning.
# Usage: .ci/collapse-check.sh [DATA_DIR] [WORK_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$root/../shared/data/lung-cxr}"
work="${2:-$(mktemp -d)}"
sp="$root/segprune"

"$sp" split --data "$data" --test-fraction 0.2 --seed 42 --out "$work/split"
"$sp" train --data "$work/split/train" --arch unet --size 128 --depth 4 --base 16 --epochs 15 --seed 42 --batch 8 \
  --out "$work/base.zip"
"$sp" evaluate --model "$work/base.zip" --data "$work/split/test" --out "$work/base.json"
"$sp" score --model "$work/base.zip" --method se --data "$work/split/train" --out "$work/se.csv"
"$sp" prune --model "$work/base.zip" --scores "$work/se.csv" --keep-params 0.011 --out "$work/pruned.zip"
"$sp" finetune --model "$work/pruned.zip" --data "$work/split/train" --epochs 8 --seed 42 --batch 8 \
  --out "$work/tuned.zip" 2> "$work/finetune.log"
"$sp" evaluate --model "$work/tuned.zip" --data "$work/split/test" --out "$work/tuned.json"

python3 - "$work" <<'PY'
import json, os, sys
w = sys.argv[1]
base, tuned = (json.load(open(os.path.join(w, f))) for f in ("base.json", "tuned.json"))
log = open(os.path.join(w, "finetune.log")).read()
checks = [
    ("unpruned dice above 0.8", base["dice_mean"] > 0.8),
    ("SE at 1.1 % keeps at most 1.1 % of the parameters", tuned["params"] <= 0.011 * base["params"]),
    ("SE at 1.1 %, fine-tuned: dice above 0.5", tuned["dice_mean"] > 0.5),
    # other warnings (images resized to the model's input) are expected here; this one must not come
    ("fine-tuning ended without the all-background warning", "predicts no foreground" not in log),
]
print(f"unpruned dice {base['dice_mean']:.4f}; SE at 1.1 % ({tuned['params']} params) fine-tuned dice {tuned['dice_mean']:.4f}")
print("\n".join(l for l in log.splitlines() if "all background" in l or "warning:" in l))
ok = sum(1 for _, passed in checks if passed)
for name, passed in checks:
    print(("ok   " if passed else "FAIL ") + name)
print(f"{ok} passed, {len(checks) - ok} failed")
sys.exit(0 if ok == len(checks) else 1)
PY
