#!/usr/bin/env bash
# Robustness sweep (issue 16): does attention-scored pruning hold up across U-Net widths, input sizes
# and data sets? One `segprune compare` per cell: U-Net base 8, 16 and 32 at 64x64 and 128x128 on
# lung-cxr and skin-lesion, methods l1, se and saca, global budgets 5 % and 1.1 %, one seed.
#
#   benchmarks/robustness-sweep.sh [--data-root DIR] [--only PATTERN] [--report]
#
# Resumable: each cell is a resumable `segprune compare` whose run folder is
# docs/results/robustness/runs/<cell>/; its finished rows are committed as they come (its base model is
# not: .gitignore), so an unfinished cell resumes from the repository on any machine, retraining a
# missing base model from its seed (same seed, same model). A cell whose run folder holds compare.json
# (written by compare when every row is finished) is done and skipped. --only runs the
# cells whose name contains PATTERN (e.g. lung-b16-s128). --report only rewrites the table
# docs/results/robustness.md from the finished cells. Environment: EPOCHS (15), FINETUNE_EPOCHS (8),
# SEGPRUNE_JAVA_OPTS as for ./segprune.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
extra_flag=report help_lines=15
source "$root/benchmarks/run-options.sh"
parse_run_options "$@"
report_only=$extra
runs="$root/docs/results/robustness/runs"
mkdir -p "$runs"

if ! $report_only; then
  for dataset in lung-cxr skin-lesion; do
    for size in 64 128; do
      for base in 8 16 32; do
        cell="${dataset%%-*}-b$base-s$size"
        [[ -z "$only" || "$cell" == *"$only"* ]] || continue
        out="$runs/$cell"
        [ -f "$out/compare.json" ] && { echo "== $cell: done, skipped"; continue; }
        echo "== $cell"
        "$root/segprune" compare --data "$data_root/$dataset" --arch unet --methods l1,se,saca --keep-params 0.05,0.011 \
          --size "$size" --base "$base" --depth 4 --epochs "${EPOCHS:-15}" --finetune-epochs "${FINETUNE_EPOCHS:-8}" \
          --seed 42 --out "$out"
      done
    done
  done
fi

python3 "$root/benchmarks/robustness_report.py" "$runs" "$root/docs/results/robustness.md"
