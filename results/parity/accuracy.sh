#!/usr/bin/env bash
# Accuracy at equal budget, ours against the official code, interleaved seed by seed so that the
# machine's drift hits both sides alike (which side goes first alternates with the seed).
#   results/parity/accuracy.sh OFFICIAL_CHECKOUT OUT [SEEDS]
# WA (1/1), ESTIMATOR (reste), EPOCHS (3), SUBSET (10000), BATCH (128), DATA (../shared/data/cifar10)
# set the budget. OUT gets ours/runs/*.json (./reste train records) and official/seed<N>.json;
# a finished run on either side is skipped, so a killed run of this script resumes.
# Then: /usr/bin/python3 results/parity/accuracy_stats.py OUT
set -euo pipefail
official="${1:?usage: accuracy.sh OFFICIAL_CHECKOUT OUT [SEEDS]}"
out="${2:?usage: accuracy.sh OFFICIAL_CHECKOUT OUT [SEEDS]}"
seeds="${3:-1 2 3 4 5 6 7 8}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
data="${DATA:-$root/../shared/data/cifar10}"
wa="${WA:-1/1}"; estimator="${ESTIMATOR:-reste}"; epochs="${EPOCHS:-3}"; subset="${SUBSET:-10000}"; batch="${BATCH:-128}"
mkdir -p "$out/official"
ours() {
  "$root/reste" train --backbone resnet20 --wa "$wa" --estimator "$estimator" --dataset cifar10 --data "$data" \
    --epochs "$epochs" --train-subset "$subset" --batch "$batch" --seed "$1" --out "$out/ours" > "$out/ours-seed$1.log" 2>&1
  echo "ours seed $1: $(grep -o 'final top-1 [0-9.]*' "$out/ours-seed$1.log" | tail -1)"
}
theirs() {
  local record="$out/official/seed$1.json"
  if [ -f "$record" ]; then echo "official seed $1: done before"; return; fi
  "$python" "$root/results/parity/official_train.py" --official "$official" --data "$data/cifar-10-batches-bin" \
    --wa "$wa" --estimator "$estimator" --epochs "$epochs" --train-subset "$subset" --batch "$batch" --seed "$1" \
    --json "$record" 2> "$out/official-seed$1.log"
  echo "official seed $1: $(tail -1 "$out/official-seed$1.log")"
}
for seed in $seeds; do
  if (( seed % 2 )); then ours "$seed"; theirs "$seed"; else theirs "$seed"; ours "$seed"; fi
done
