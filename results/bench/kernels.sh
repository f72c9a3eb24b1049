#!/usr/bin/env bash
# Training and evaluation throughput with the estimators' fused vector kernels on and off
# (-Dreste.vectorKernels=false: libtorch's elementwise ops), ResNet-20 1W/1A ReSTE, batch 256, at
# the points FRACTIONS of the schedule (o = 1 at 0, o = 3 at 1), ROUNDS interleaved rounds so that
# drift in the machine's load hits both alike. One JSON line per measurement, then the paired
# ratios (on / off) from sidebyside_summary.py.
#   results/bench/kernels.sh [ROUNDS] > results/bench/kernels-DATE.log
set -euo pipefail
rounds="${1:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${DATA:-$root/data/cifar10-sample/cifar-10-batches-bin}"
steps="${STEPS:-12}"
fractions="${FRACTIONS:-0 1}"
lines="$(mktemp)"
trap 'rm -f "$lines"' EXIT
"$root/reste" --version >/dev/null  # builds the jar first, outside the timed runs
for round in $(seq 1 "$rounds"); do
  for fraction in $fractions; do
    for kernels in off on; do
      flag=true
      if [ "$kernels" = off ]; then flag=false; fi
      result="$(RESTE_JAVA_OPTS="-Xmx8g -Dreste.vectorKernels=$flag" "$root/reste" bench --backbone resnet20 --wa 1/1 \
        --batch 256 --steps "$steps" --epoch-fraction "$fraction" --data "$data" --json | tr -d '\n ')"
      echo "{\"round\": $round, \"fraction\": $fraction, \"side\": \"$kernels\", \"result\": $result}"
    done
  done
done | tee "$lines"
python3 "$root/results/bench/sidebyside_summary.py" on off < "$lines"
