#!/usr/bin/env bash
# Side-by-side training throughput, ours against the official PyTorch code, on the same real
# CIFAR-10 batches and the same threads: ROUNDS rounds, each running every setting once, so that
# drift in the machine's load hits both sides alike. Prints one JSON line per measurement.
#   results/bench/sidebyside.sh /path/to/official/ReSTE [ROUNDS] > results/bench/sidebyside.log
# Needs a Python with PyTorch (Debian: apt-get install python3-torch python3-scipy) for the
# official side; ours runs through ./reste.
set -euo pipefail
official="${1:?usage: sidebyside.sh OFFICIAL_CHECKOUT [ROUNDS]}"
rounds="${2:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
data="${DATA:-$root/data/cifar10-sample/cifar-10-batches-bin}"
steps="${STEPS:-20}"
for round in $(seq 1 "$rounds"); do
  for o_and_fraction in "1 0" "3 1"; do
    set -- $o_and_fraction
    echo "{\"round\": $round, \"side\": \"official\", \"result\": $("$python" "$root/results/bench/official_step.py" \
      --official "$official" --data "$data" --o "$1" --batch 256 --steps "$steps" --json)}"
    echo "{\"round\": $round, \"side\": \"ours\", \"result\": $("$root/reste" bench --backbone resnet20 --wa 1/1 \
      --batch 256 --steps "$steps" --epoch-fraction "$2" --data "$data" --json | tr -d '\n ')}"
  done
done
