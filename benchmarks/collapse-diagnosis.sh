#!/usr/bin/env bash
# Issue 16 diagnosis: benchmarks/collapse-diagnosis.sh BASE.zip TRAIN_DIR BUDGET FT_EPOCHS VARIANT...
# (see benchmarks/CollapseDiagnosis.java). Builds the engine when needed; runs in the current folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/segprune" --help > /dev/null 2>&1 || true   # builds the engine and its class path file when needed
target="$root/plugin/engine/target"
classes="$(mktemp -d)"; trap 'rm -rf "$classes"' EXIT
cp="$target/classes:$(cat "$target/runtime-classpath.txt")"
javac -cp "$cp" -d "$classes" "$root/benchmarks/CollapseDiagnosis.java"
java -Xmx4g -Dorg.bytedeco.javacpp.maxbytes=6G -Dorg.bytedeco.javacpp.maxphysicalbytes=12G \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classes:$cp" CollapseDiagnosis "$@"
