#!/usr/bin/env bash
# Training throughput of every CIFAR backbone at W/A 1/1 and 1/32 (ReSTE, schedule at mid-training),
# one `./reste bench --json` line each, on the shipped sample or DATA (BACKBONES and STEPS narrow it):
#   results/bench/backbones.sh > results/bench/backbones-DATE.log
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${DATA:-$root/data/cifar10-sample/cifar-10-batches-bin}"
steps="${STEPS:-10}"
for backbone in ${BACKBONES:-resnet20 resnet20_bireal resnet18 vgg_small}; do
  for wa in 1/1 1/32; do
    "$root/reste" bench --backbone "$backbone" --wa "$wa" --batch 256 --steps "$steps" --warmup 3 \
      --data "$data" --json | tr -d '\n '
    echo
  done
done
