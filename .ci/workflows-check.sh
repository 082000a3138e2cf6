#!/usr/bin/env bash
# Runs every KNIME example workflow in test-workflows/ headlessly with 'segprune run' on a real data set
# (default ../shared/data/lung-cxr, never copied) instead of the phantoms each carries in its data/ folder,
# and checks that every Segmentation Evaluator of every workflow reaches a dice floor with its own row (the
# last of its metrics table), and that the evaluators' chain gathers all their rows into one table, the
# unpruned baseline first. The workflows' own tiny settings are used (64x64 U-Net, a few epochs); only
# the Data Reader's folders are set (--set). About 5 minutes on 2 cores for lung-cxr.
# Usage: .ci/workflows-check.sh [DATA_DIR] [OUT_DIR] [extra 'segprune run' options, e.g. --set 3.epochs=20]
# Environment: DICE_FLOOR (default 0.8), OMP_NUM_THREADS (default 1).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$(cd "${1:-$root/../shared/data/lung-cxr}" && pwd)"
out="${2:-$(mktemp -d)}"
shift $(( $# < 2 ? $# : 2 ))
floor="${DICE_FLOOR:-0.8}"
# One OpenMP thread unless told otherwise: these tiny networks gain little from a second one, and on a
# shared machine spinning OpenMP threads slow training down up to tenfold (measured).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
start=$(date +%s)

workflows=()
for wf in "$root"/test-workflows/*/; do
  [ -f "$wf/workflow.knime" ] && workflows+=("${wf%/}")
done
[ ${#workflows[@]} -gt 0 ] || { echo "no workflows in $root/test-workflows" >&2; exit 1; }

for wf in "${workflows[@]}"; do
  name="$(basename "$wf")"
  echo "== segprune run $name on $data"
  "$root/segprune" run "$wf" \
    --set "Segmentation Data Reader.images_folder=$data/images" \
    --set "Segmentation Data Reader.masks_folder=$data/masks" \
    --out "$out/$name" "$@" 2> >(grep -v '^\[' >&2)
done

python3 - "$out" "$floor" "${workflows[@]}" <<'PY'
import csv, glob, os, sys
out, floor, workflows = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
failed = checked = passed = 0
for wf in workflows:
    name = os.path.basename(wf)
    metrics = sorted(glob.glob(os.path.join(out, name, "Segmentation Evaluator (#*)", "port_1.csv")))
    if not metrics:
        print(f"FAIL {name}: no evaluator output in {os.path.join(out, name)}")
        failed += 1
        continue
    gathered = []
    for path in metrics:
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
        row = rows[-1]  # the evaluator's own row; the rows before it came from earlier evaluators
        gathered = rows if len(rows) > len(gathered) else gathered
        dice = float(row["dice_mean"])
        node = os.path.basename(os.path.dirname(path))
        ok = dice >= floor
        checked += 1
        passed += ok
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name} / {node} '{row['model']}': dice {dice:.4f} "
              f"(floor {floor}), {int(row['params']):,} params, {float(row['latency_ms']):.1f} ms")
    if len(gathered) != len(metrics) or "baseline" not in gathered[0]["model"]:
        print(f"FAIL {name}: no table gathers all {len(metrics)} evaluations, the baseline first "
              f"(largest: {[r['model'] for r in gathered]})")
        failed += 1
print(f"{passed} of {checked} evaluators passed")
sys.exit(1 if failed else 0)
PY
echo "== workflows check finished in $(( $(date +%s) - start )) s"
