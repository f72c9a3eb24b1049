#!/usr/bin/env bash
# Side-by-side training throughput, ours against the official PyTorch code, on the same real
# CIFAR-10 batches and the same threads: ROUNDS rounds, each running every setting once, so that
# drift in the machine's load hits both sides alike. Prints one JSON line per measurement.
#   results/bench/sidebyside.sh /path/to/official/ReSTE [ROUNDS] > results/bench/sidebyside.log
# FRACTIONS (default "0 1") are the points of the schedule timed: ReSTE's o at fraction f of training
# is 1 + (1 - cos(pi/2 f)) (o_end - 1), o_end = 3, given to the official side as --o.
# Needs a Python with PyTorch (Debian: apt-get install python3-torch python3-scipy) for the
# official side; ours runs through ./reste. Both sides time training steps and then evaluation
# passes; the last lines are sidebyside_summary.py's paired ratios (ours / official).
# PRETRAIN (default 80) first trains that many steps along the schedule up to each point on both
# sides, so that the timed steps see a trained network: the official backward's cost depends on
# the share of activations within [-t, t], which a fresh network jumped to o = 3 halves in a few
# steps (PRETRAIN=0 times the fresh network, as the logs up to 2026-12-04's first one did).
set -euo pipefail
official="${1:?usage: sidebyside.sh OFFICIAL_CHECKOUT [ROUNDS]}"
rounds="${2:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
data="${DATA:-$root/data/cifar10-sample/cifar-10-batches-bin}"
steps="${STEPS:-20}"
fractions="${FRACTIONS:-0 1}"
pretrain="${PRETRAIN:-80}"
lines="$(mktemp)"
trap 'rm -f "$lines"' EXIT
for round in $(seq 1 "$rounds"); do
  for fraction in $fractions; do
    o="$("$python" -c "import math; print(1 + (1 - math.cos(math.pi / 2 * $fraction)) * 2)")"
    echo "{\"round\": $round, \"fraction\": $fraction, \"side\": \"official\", \"result\": $("$python" "$root/results/bench/official_step.py" \
      --official "$official" --data "$data" --o "$o" --batch 256 --steps "$steps" --pretrain-steps "$pretrain" --json)}"
    echo "{\"round\": $round, \"fraction\": $fraction, \"side\": \"ours\", \"result\": $("$root/reste" bench --backbone resnet20 --wa 1/1 \
      --batch 256 --steps "$steps" --epoch-fraction "$fraction" --pretrain-steps "$pretrain" --data "$data" --json | tr -d '\n ')}"
  done
done | tee "$lines"
python3 "$root/results/bench/sidebyside_summary.py" < "$lines"
