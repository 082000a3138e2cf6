#!/usr/bin/env bash
# The paper's table (issue 14), from one command: every run is a resumable `segprune compare` whose
# finished rows (rows.jsonl, run-settings.json, compare.json/md, plots) live in
# docs/results/paper/<run>/ and are committed as they come; the base models stay beside them but
# are not committed (.gitignore), so a run folder taken from the repository resumes on any machine
# (a seed with rows still to run retrains its missing base model from the seed: same seed, same model;
# a finished seed needs none).
#
#   benchmarks/paper-runs.sh [--data-root DIR] [--only PATTERN] [--list]
#
# Runs (all seven methods; fine-tuning 15 epochs, base 30, as compare's defaults unless said):
#   unet64-{lung,skin}:     U-Net base 32 at 64x64, budgets 10 %, 5 %, 1.1 %, seeds 1,2,3
#   unet128-{lung,skin}:    U-Net base 32 at 128x128, budgets 5 %, 1.1 %, seed 1
#   deeplab64-{lung,skin}:  DeepLabV3+ (depth 4) at 64x64, budgets 10 %, 5 %, 1.1 %, seed 1
# Kill it at any time; the same command continues where it stopped. --only runs the runs whose name
# contains PATTERN. Environment: SEGPRUNE_JAVA_OPTS as for ./segprune.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
extra_flag=list help_lines=15
source "$root/benchmarks/run-options.sh"
parse_run_options "$@"
list=$extra

methods=l1,l2,se,eca,cbam,saca,sbca
run() {
  local name="$1"; shift
  [[ -z "$only" || "$name" == *"$only"* ]] || return 0
  if $list; then echo "$name: segprune compare $*"; return 0; fi
  echo "== $name"
  local start; start=$(date +%s)
  "$root/segprune" compare --methods "$methods" --out "docs/results/paper/$name" "$@"
  echo "== $name finished in $(( $(date +%s) - start )) s (this session)"
}
for dataset in lung-cxr skin-lesion; do
  short="${dataset%%-*}"
  run "unet64-$short" --data "$data_root/$dataset" --arch unet --size 64 --depth 4 --base 32 \
    --keep-params 0.10,0.05,0.011 --seeds 1,2,3
  run "unet128-$short" --data "$data_root/$dataset" --arch unet --size 128 --depth 4 --base 32 \
    --keep-params 0.05,0.011 --seeds 1
  run "deeplab64-$short" --data "$data_root/$dataset" --arch deeplabv3plus --size 64 --depth 4 --base 32 \
    --keep-params 0.10,0.05,0.011 --seeds 1
done
