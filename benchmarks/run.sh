#!/usr/bin/env bash
# SegPrune speed benchmark: the U-Net in DL4J (the engine) and in PyTorch on this machine.
#
#   benchmarks/run.sh            U-Net base 16, depth 4, at 128 and 256 (about 5 minutes on 2 idle cores)
#   benchmarks/run.sh --quick    tiny sizes, a smoke test of the whole chain (under 2 minutes)
#   --wait-idle MINUTES          before each measurement, wait (at most MINUTES) until other processes use
#                                under 0.3 cores; repeat a measurement when other work ran right after it
#
# Per configuration: DL4J training seconds per image (batch 8, after warm-up steps; Dl4jTrainBench.java
# against the engine's class path) and the s/img `segprune train` prints for a short run; then with the
# command line: l1 scores, pruning to 25 % of the parameters (surgery seconds), batch-1 latency before
# and after pruning (segprune evaluate, in DL4J and in ONNX Runtime); then the same U-Net in PyTorch (pytorch_unet.py, Debian's
# python3-torch) with the same threads, including the pruned channel counts. Writes
# benchmarks/results/benchmark.json (benchmark-quick.json for --quick) and prints a markdown table;
# docs/benchmarks.md explains the figures. Environment: BENCH_THREADS (default: number of cores) sets
# both frameworks' thread counts; SEGPRUNE_JAVA_OPTS as for ./segprune.
set -euo pipefail

bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench")"
python=/usr/bin/python3   # Debian's interpreter: python3-torch is installed for it, not for a pyenv python

quick=false
wait_idle=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --wait-idle) [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "run.sh: --wait-idle needs minutes" >&2; exit 2; }
      wait_idle="$2"; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (use --quick, --wait-idle MINUTES)" >&2; exit 2 ;;
  esac
  shift
done

if $quick; then
  sizes=(64); base=8; depth=4; batch=4; warmup=1; steps=2; cli_epochs=1; latency_runs=20; phantom_count=8; phantom_size=64
  name=benchmark-quick
else
  sizes=(128 256); base=16; depth=4; batch=8; warmup=5; steps=10; latency_runs=30; phantom_count=24; phantom_size=256; cli_epochs=3
  name=benchmark
fi
keep_params=0.25
threads="${BENCH_THREADS:-$(nproc)}"
results="$bench/results"
work="$results/work/$name"
rm -rf "$work"
mkdir -p "$work"
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
# quiet LOG COMMAND...: runs COMMAND with stdout and stderr in LOG; on failure shows LOG's end and stops.
quiet() {
  local out="$1"; shift
  "$@" >"$out" 2>&1 || { local rc=$?; echo "run.sh: failed ($rc): $*" >&2; tail -30 "$out" >&2; exit "$rc"; }
}
# other_load: CPU cores busy with other work over 2 s, sampled between our measurements (when none of
# ours runs) and kept in load.txt; other work on the machine slows and skews the figures.
other_load() {
  local u1 n1 s1 i1 w1 q1 sq1 st1 u2 n2 s2 i2 w2 q2 sq2 st2 busy
  read -r _ u1 n1 s1 i1 w1 q1 sq1 st1 _ </proc/stat
  sleep 2
  read -r _ u2 n2 s2 i2 w2 q2 sq2 st2 _ </proc/stat
  busy=$(( (u2 + n2 + s2 + q2 + sq2 + st2) - (u1 + n1 + s1 + q1 + sq1 + st1) ))
  busy="$(awk -v b="$busy" -v t="$(( busy + (i2 + w2) - (i1 + w1) ))" -v c="$(nproc)" \
    'BEGIN { printf "%.2f", (t > 0 ? c * b / t : 0) }')"
  echo "$(date +%H:%M:%S) $busy" >>"$work/load.txt"
  echo "$busy"
}
is_idle() { awk -v b="$1" 'BEGIN { exit !(b < 0.3) }'; }
# wait_for_idle: with --wait-idle, waits (at most that many minutes) until other processes use under
# 0.3 cores; prints the last sample.
wait_for_idle() {
  local busy deadline=$(( $(date +%s) + 60 * wait_idle ))
  busy="$(other_load)"
  while [ "$wait_idle" -gt 0 ] && ! is_idle "$busy"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "still busy ($busy cores) after $wait_idle minutes; measuring anyway"; break
    fi
    log "waiting for an idle machine: other processes use $busy cores"
    sleep 15
    busy="$(other_load)"
  done
  echo "$busy"
}
# measure STEP OUT COMMAND...: one measurement step; COMMAND's stdout goes to OUT, its stderr to OUT.err.
# Other processes' CPU use is sampled before and after the step (steps.txt). With --wait-idle the step
# first waits for an idle machine and is repeated (at most 3 times) when other work runs right after it.
measure() {
  local step="$1" out="$2" try before after rc
  shift 2
  for try in 1 2 3; do
    before="$(wait_for_idle)"
    log "$step (other processes: $before cores)"
    "$@" >"$out" 2>"$out.err" || { rc=$?; echo "run.sh: failed ($rc): $*" >&2; tail -30 "$out.err" >&2; exit "$rc"; }
    after="$(other_load)"
    echo "$step|$try|$before|$after" >>"$work/steps.txt"
    if [ "$wait_idle" -eq 0 ] || is_idle "$after" || [ "$try" -eq 3 ]; then
      return 0
    fi
    log "other work was running at the end of the step ($after cores): measuring again"
  done
}

# 1. Prerequisites: the engine (built by ./segprune when needed) and PyTorch for Debian's python.
log "building the engine if needed"
quiet "$work/build.log" "$root/segprune" --help
if ! "$python" -c 'import torch' 2>/dev/null; then
  log "python3-torch is missing; installing it with apt-get (large download)"
  if [ "$(id -u)" -ne 0 ]; then
    echo "run.sh: $python cannot import torch; run: sudo apt-get install -y python3-torch" >&2; exit 1
  fi
  apt-get install -y python3-torch >"$work/apt.log" 2>&1 || { apt-get update >>"$work/apt.log" 2>&1 &&
    apt-get install -y python3-torch >>"$work/apt.log" 2>&1; } || { tail -20 "$work/apt.log" >&2; exit 1; }
fi

# The engine is run from a snapshot of its build (classes and the project's own jars), so that a
# rebuild in this checkout during the run (./segprune rebuilds when sources change) can neither break
# nor change the measured code. `segprune` below is ./segprune's java command on that snapshot.
target="$root/plugin/engine/target"
snapshot="$work/engine"
take_snapshot() {
  rm -rf "$snapshot" && mkdir -p "$snapshot/lib" || return 1
  "$root/segprune" --help >"$work/build.log" 2>&1 || return 1
  cp -r "$target/classes" "$snapshot/classes" || return 1
  classpath="$snapshot/classes"
  local entries entry
  IFS=: read -r -a entries <"$target/runtime-classpath.txt" || true   # the file has no final newline
  [ "${#entries[@]}" -gt 0 ] || return 1
  for entry in "${entries[@]}"; do
    if [[ "$entry" == "$root"/* ]]; then
      cp "$entry" "$snapshot/lib/" || return 1
      entry="$snapshot/lib/$(basename "$entry")"
    fi
    classpath="$classpath:$entry"
  done
}
# The same JVM settings as ./segprune; OMP_NUM_THREADS sets libnd4j's threads.
java_opts=(-Xmx3g -Dorg.bytedeco.javacpp.maxbytes=4G -Dorg.bytedeco.javacpp.maxphysicalbytes=8G
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.logFile=System.err ${SEGPRUNE_JAVA_OPTS:-})
segprune() { java "${java_opts[@]}" -cp "$classpath" org.segprune.cli.SegPruneCli "$@"; }
for attempt in 1 2 3 4 5; do   # a rebuild by other work may be under way: retry
  take_snapshot 2>>"$work/snapshot.log" && segprune --help >/dev/null 2>>"$work/snapshot.log" && break
  [ "$attempt" -lt 5 ] || { echo "run.sh: cannot take a working snapshot of the engine build" >&2; tail "$work/snapshot.log" >&2; exit 1; }
  log "the engine build changed while being copied; retrying"
  sleep 20
done
export OMP_NUM_THREADS="$threads"

{
  echo "{"
  echo "  \"started\": \"$(date -Iseconds)\","
  echo "  \"cores\": $(nproc),"
  echo "  \"cpu_model\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//; s/"/\\"/g')\","
  echo "  \"memory_gb\": $(awk '/MemTotal/ {printf "%.1f", $2 / 1048576}' /proc/meminfo),"
  echo "  \"kernel\": \"$(uname -r)\","
  echo "  \"java_version\": \"$(java -version 2>&1 | head -1 | sed 's/"/\\"/g')\","
  echo "  \"java_runtime\": \"$(java -version 2>&1 | sed -n 2p | sed 's/"/\\"/g')\","
  echo "  \"engine_commit\": \"$(GIT_OPTIONAL_LOCKS=0 git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)\","
  echo "  \"engine_sources_modified\": $([ -n "$(GIT_OPTIONAL_LOCKS=0 git -C "$root" status --porcelain -- plugin 2>/dev/null)" ] && echo true || echo false),"
  echo "  \"threads\": $threads,"
  echo "  \"load_average_at_start\": \"$(cut -d' ' -f1-3 /proc/loadavg)\""
  echo "}"
} >"$work/machine.json"

# 2. Synthetic data: grey lung phantoms (no licensed data needed).
log "generating $phantom_count lung phantoms of ${phantom_size}x$phantom_size"
quiet "$work/phantoms.log" segprune phantoms --kind lung --count "$phantom_count" --size "$phantom_size" --seed 7 \
  --out "$work/phantoms"

configs=()
for size in "${sizes[@]}"; do
  c="unet-b$base-d$depth-s$size"
  dir="$work/$c"
  mkdir -p "$dir"
  configs+=("$c")
  echo "{\"name\": \"$c\", \"size\": $size, \"base\": $base, \"depth\": $depth, \"batch\": $batch, \"keep_params\": $keep_params," \
    "\"latency_runs\": $latency_runs, \"cli_train_epochs\": $cli_epochs}" >"$dir/config.json"

  # 3. DL4J: training speed (warm-up, then timed steps), saving the trained model.
  measure "$c: DL4J training, $warmup warm-up + $steps timed steps of batch $batch" "$dir/dl4j-train.log" \
    java "${java_opts[@]}" -cp "$classpath" "$bench/Dl4jTrainBench.java" --data "$work/phantoms" --size "$size" \
    --base "$base" --depth "$depth" --batch "$batch" --warmup "$warmup" --steps "$steps" --out "$dir/model.zip" \
    --json "$dir/dl4j-train.json"

  # The user-visible figure: the s/img `segprune train` prints (first cold step and partial batches included).
  measure "$c: segprune train, $cli_epochs epoch(s) of the phantoms" "$dir/cli-train.log" \
    segprune train --data "$work/phantoms" --arch unet --size "$size" --base "$base" --depth "$depth" \
    --epochs "$cli_epochs" --batch "$batch" --seed 42 --out "$dir/cli-trained.zip"

  # 4. DL4J through the command line: l1 scores, pruning (surgery time), latency before and after.
  quiet "$dir/score.log" segprune score --model "$dir/model.zip" --method l1 --out "$dir/scores-l1.csv"
  measure "$c: segprune prune (l1) to $keep_params of the parameters" "$dir/prune.log" \
    segprune prune --model "$dir/model.zip" --scores "$dir/scores-l1.csv" --keep-params "$keep_params" \
    --out "$dir/pruned.zip" --plan "$dir/plan.json"
  measure "$c: segprune evaluate, batch-1 latency (median of $latency_runs)" "$dir/eval.log" \
    segprune evaluate --model "$dir/model.zip" --data "$work/phantoms" --latency-runs "$latency_runs" \
    --out "$dir/dl4j-eval.json"
  measure "$c: segprune evaluate of the pruned model" "$dir/eval-pruned.log" \
    segprune evaluate --model "$dir/pruned.zip" --data "$work/phantoms" --latency-runs "$latency_runs" \
    --out "$dir/dl4j-eval-pruned.json"
  # The same two models in ONNX Runtime (exported in memory, CPU provider, as many threads as DL4J).
  measure "$c: segprune evaluate --runtime onnxruntime, batch-1 latency (median of $latency_runs)" "$dir/ort-eval.log" \
    segprune evaluate --model "$dir/model.zip" --data "$work/phantoms" --latency-runs "$latency_runs" \
    --runtime onnxruntime --out "$dir/ort-eval.json"
  measure "$c: segprune evaluate --runtime onnxruntime of the pruned model" "$dir/ort-eval-pruned.log" \
    segprune evaluate --model "$dir/pruned.zip" --data "$work/phantoms" --latency-runs "$latency_runs" \
    --runtime onnxruntime --out "$dir/ort-eval-pruned.json"

  # 5. PyTorch: the same U-Net (parameter count asserted equal) and the same pruned channel counts.
  dl4j_params="$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["params"])' "$dir/dl4j-train.json")"
  measure "$c: PyTorch, $threads threads: training, latency, pruned latency" "$dir/pytorch.json" \
    "$python" "$bench/pytorch_unet.py" --size "$size" --base "$base" --depth "$depth" --batch "$batch" \
    --threads "$threads" --warmup "$warmup" --steps "$steps" --latency-runs "$latency_runs" \
    --expect-params "$dl4j_params" --pruned-plan "$dir/plan.json"
done

# 6. Collect: results/<name>.json and the markdown table.
"$python" "$bench/report.py" --work "$work" --out "$results/$name.json" --mode "$($quick && echo quick || echo full)" \
  "${configs[@]}"
log "wrote $results/$name.json"
