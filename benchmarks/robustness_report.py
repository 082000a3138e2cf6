"""Table of the robustness sweep (benchmarks/robustness-sweep.sh): one row per cell and budget, dice
after fine-tuning per method, the unpruned dice, and whether the cell meets issue 16's aim (every
attention method at least as good as l1, none below 0.5 where the unpruned model is above 0.8); a miss
names the attention method furthest below l1 with the paired Wilcoxon p-value over the test images.
Reads every finished cell, runs/<cell>/compare.json. The compute column is the cell's base training,
scoring (once per method) and fine-tuning time from its rows: what one uninterrupted run costs, the
same however often the cell was stopped and resumed (evaluation, a few seconds per row, is not in it)."""
import json
import os
import sys

runs, target = sys.argv[1], sys.argv[2]
cells = []
for name in sorted(os.listdir(runs)):
    finished = os.path.join(runs, name, "compare.json")
    if os.path.isfile(finished):
        cells.append((name, json.load(open(finished))))

def compute_minutes(r):
    scoring = {row["method"]: row["score_seconds"] for row in r["rows"]}
    return (r["base_train_seconds"] + sum(scoring.values()) + sum(row["finetune_seconds"] for row in r["rows"])) / 60

def order(cell):
    name, r = cell
    return (name.split("-")[0], r["size"], r["base"])

lines = ["| cell | data | base | size | unpruned | budget | l1 | se | saca | se before FT | saca before FT | aim | compute |",
         "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |"]
met = total = significant = 0
for name, r in sorted(cells, key=order):
    unpruned = r["base_report"]["dice_mean"]
    budgets = sorted({row["budget"] for row in r["rows"]}, reverse=True)
    for budget in budgets:
        rows = {row["method"]: row for row in r["rows"] if row["budget"] == budget}
        after = {m: rows[m]["dice_after_finetune"] for m in rows}
        attention = [m for m in after if m != "l1"]
        ok = all(after[m] >= after.get("l1", 0) - 1e-9 for m in attention) and \
            (unpruned <= 0.8 or all(after[m] >= 0.5 for m in attention))
        met += ok
        total += 1
        verdict = "yes"
        if not ok:
            worst = min(attention, key=lambda m: after[m])
            versus = next(s["versus_l1"] for s in r["summary"] if s["method"] == worst and s["budget"] == budget)
            p = versus["wilcoxon"]["pValue"]
            significant += p < 0.05
            verdict = f"**no**: {worst} {after[worst] - after['l1']:+.3f}, p {p:.2g}"
        fmt = lambda m: f"{after[m]:.3f}" if m in after else "-"
        before = lambda m: f"{rows[m]['dice_before_finetune']:.3f}" if m in rows else "-"
        lines.append(f"| {name} | {os.path.basename(r['data'])} | {r['base']} | {r['size']} | {unpruned:.3f} | "
                     f"{100 * budget:.1f} % | {fmt('l1')} | {fmt('se')} | {fmt('saca')} | {before('se')} | "
                     f"{before('saca')} | {verdict} | {compute_minutes(r):.0f} min |")
lines.append("")
lines.append(f"Aim met in {met} of {total} cell-budgets; {significant} of the {total - met} misses significant at p < 0.05 (paired "
             "Wilcoxon signed-rank test over the test images, one seed)." if total else
             "No cell has finished yet: run benchmarks/robustness-sweep.sh (it resumes where it stopped).")
tmp = target + ".tmp"
with open(tmp, "w") as f:
    f.write("\n".join(lines) + "\n")
os.replace(tmp, target)
print("\n".join(lines))
