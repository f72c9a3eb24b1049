#!/usr/bin/env bash
# Our evaluation (and training) throughput under three settings, ResNet-20 1W/1A ReSTE, batch 256,
# at the points FRACTIONS of the schedule, in ROUNDS interleaved rounds (each round runs every
# setting once, so drift in the machine's load hits all alike):
#   before: libtorch's float convolutions (-Dreste.xnorConv=false), libgomp's default spin (300,000)
#   bits:   bit convolutions and the fused binary block, libgomp's default spin
#   now:    bit convolutions and the fused binary block, GOMP_SPINCOUNT=1000 (./reste's default)
# One JSON line per measurement, then the paired ratios from sidebyside_summary.py.
#   results/bench/evalpath.sh [ROUNDS] > results/bench/evalpath-DATE.log
set -euo pipefail
rounds="${1:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${DATA:-$root/data/cifar10-sample/cifar-10-batches-bin}"
steps="${STEPS:-12}"
pretrain="${PRETRAIN:-40}"
fractions="${FRACTIONS:-0.5}"
lines="$(mktemp)"
trap 'rm -f "$lines"' EXIT
"$root/reste" --version >/dev/null  # builds the jar first, outside the timed runs
echo "evalpath.sh at $(git -C "$root" rev-parse --short HEAD), $(date -u +%FT%TZ), $(nproc) cores, steps $steps, pretrain $pretrain"
for round in $(seq 1 "$rounds"); do
  for fraction in $fractions; do
    for setting in before bits now; do
      case "$setting" in
        before) bits=false; spin=300000 ;;
        bits) bits=true; spin=300000 ;;
        now) bits=true; spin=1000 ;;
      esac
      result="$(GOMP_SPINCOUNT=$spin RESTE_JAVA_OPTS="-Xmx8g -Dreste.xnorConv=$bits" "$root/reste" bench --backbone resnet20 \
        --wa 1/1 --batch 256 --steps "$steps" --pretrain-steps "$pretrain" --epoch-fraction "$fraction" --data "$data" --json | tr -d '\n ')"
      echo "{\"round\": $round, \"fraction\": $fraction, \"side\": \"$setting\", \"result\": $result}"
    done
  done
done | tee "$lines"
echo "== now / before"
python3 "$root/results/bench/sidebyside_summary.py" now before < "$lines"
echo "== bits / before (the bit path alone)"
python3 "$root/results/bench/sidebyside_summary.py" bits before < "$lines"
