#!/usr/bin/env bash
# The guard of the training core: our training steps against the official ReSTE PyTorch code's,
# from the same weights on the same batches, for ResNet-20 1/1 and 1/32 with ReSTE and STE.
#   results/parity/parity.sh [OFFICIAL_CHECKOUT] > results/parity/parity-$(date +%F).log
# Without a checkout it clones github.com/DravenALG/ReSTE into a temporary folder (never into
# the project). DATA is the CIFAR-10 folder (default ../shared/data/cifar10). Needs Debian's
# python3-torch, python3-torchvision and python3-scipy. Exit 1 when a checked comparison differs.
#
# Checked (exit status): teacher-forced steps with --scale-after-conv in float32 and float64
# (every config), 1/32 in the published order (its inputs are real, so no exact zeros), and a
# whole epoch of 1/1 ReSTE with the trainer's evaluation after it.
# Shown, not checked: 1/1 in the published order (2 official threads, as ours, then 1), where
# ReLU's mask at the conv outputs whose signs cancel is decided by each side's summation order
# (see README.md), and the free-running side.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
data="${DATA:-$root/../shared/data/cifar10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
official="${1:-}"
if [ -z "$official" ]; then
  official="$work/ReSTE"
  git clone -q --depth 1 https://github.com/DravenALG/ReSTE "$official" || { echo "parity: cannot clone the official code; give a checkout" >&2; exit 2; }
fi
"$python" -c "import torch, torchvision, scipy" 2>/dev/null || { echo "parity: $python lacks torch/torchvision/scipy (apt-get install python3-torch python3-torchvision python3-scipy)" >&2; exit 2; }
echo "parity of $(git -C "$root" rev-parse --short HEAD) against the official code at $(git -C "$official" rev-parse --short HEAD 2>/dev/null || echo "$official"), $(date -u +%FT%TZ)"
status=0
trace() {  # NAME CHECKED TRACE-FLAGS...  (OFFICIAL_THREADS: also compare with this many official threads)
  local name="$1" checked="$2"; shift 2
  local check=(); [ "$checked" = yes ] && check=(--check)
  echo; echo "=== $name ($([ "$checked" = yes ] && echo checked || echo shown)) ==="
  "$root/reste" parity-trace --data "$data" --out "$work/$name" "$@" > "$work/$name.log" 2>&1 || { cat "$work/$name.log"; status=1; return; }
  "$python" "$root/results/parity/steps.py" --official "$official" --trace "$work/$name" --data "$data/cifar-10-batches-bin" \
    --json "$work/$name.json" "${check[@]}" || status=1
  if [ -n "${OFFICIAL_THREADS:-}" ]; then
    echo "--- $name, official side on $OFFICIAL_THREADS thread(s) (shown) ---"
    "$python" "$root/results/parity/steps.py" --official "$official" --trace "$work/$name" --data "$data/cifar-10-batches-bin" \
      --modes teacher --threads "$OFFICIAL_THREADS"
  fi
  rm -rf "$work/$name"
}
for wa in 1/1 1/32; do
  for estimator in reste ste; do
    tag="$(echo "$wa" | tr -d /)-$estimator"
    trace "$tag-exact-float32" yes --wa "$wa" --estimator "$estimator" --scale-after-conv
    trace "$tag-exact-float64" yes --wa "$wa" --estimator "$estimator" --scale-after-conv --float64
    if [ "$wa" = 1/32 ]; then
      trace "$tag-published" yes --wa "$wa" --estimator "$estimator"
    else
      OFFICIAL_THREADS=1 trace "$tag-published" no --wa "$wa" --estimator "$estimator"
    fi
  done
done
# A whole epoch of the trainer's batches (79 steps of 128 on the first 10,000 images, the last one
# partial) and the trainer's evaluation of the whole test split after it.
trace "1-reste-whole-epoch-exact-float32" yes --wa 1/1 --estimator reste --scale-after-conv --fractions 0 --steps 79
echo; [ "$status" = 0 ] && echo "parity: every checked comparison within its tolerance" || echo "parity: a checked comparison differs (see above)"
exit "$status"
