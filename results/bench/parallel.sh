#!/usr/bin/env bash
# Several runs at once in one JVM against one at a time (issue 11): a fixed set of 4 ResNet-20
# runs (the CPU nightly matrix, seed 1 only: 4 epochs on 4,000 Fashion-MNIST images each) trained
# by `./reste reproduce` one at a time with every core (--parallelism 1) and two at a time with
# cores/2 threads each (--parallelism 2), in interleaved rounds (farm-bench: A B A B ..., the
# ratio taken pair by pair), each round into a fresh folder so that every run trains.
#   results/bench/parallel.sh [ROUNDS] [FASHION_MNIST_DIR] > results/bench/parallel-$(date +%F).log
# Total images/s = 4 runs x 4 epochs x 4,000 images / wall seconds. Nothing else may run meanwhile.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-3}"
data="${2:-$root/../shared/data/fashion-mnist}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/configs" "$work/configs"
sed -i 's/^seeds: \[1, 2\]$/seeds: [1]/' "$work/configs/profiles/nightly-cpu.yaml"
grep -q '^seeds: \[1\]$' "$work/configs/profiles/nightly-cpu.yaml" || { echo "parallel.sh: nightly-cpu seeds not found" >&2; exit 2; }
"$root/reste" --version > /dev/null 2>&1 || true   # builds the jar once, outside the timings
for p in 1 2; do  # one script per side, so farm-bench runs each as one plain command
  cat > "$work/run-$p.sh" <<SH
#!/usr/bin/env bash
rm -rf "$work/out-$p"
exec "$root/reste" reproduce --profile nightly-cpu --tables nightly --configs "$work/configs" --data "$data" \\
  --out "$work/out-$p" --parallelism $p > "$work/log-$p" 2>&1
SH
  chmod +x "$work/run-$p.sh"
done
echo "parallel.sh at $(git -C "$root" rev-parse --short HEAD), $(date -u +%FT%TZ), $(nproc) cores; A = 2 runs at once, B = 1 at a time"
echo "training images per job: 4 runs x 4 epochs x 4,000 = 64,000 (total images/s = 64,000 / wall s)"
# The temporary folder is named $WORK in the log, so a committed log holds no machine path.
farm-bench -n "$rounds" --warmup 0 --timeout 3600 --vs "$work/run-1.sh" -- "$work/run-2.sh" | sed "s|$work|\$WORK|g"
for p in 1 2; do
  python3 - "$work/out-$p/runs" "$p" <<'PY'
import json, sys, glob
runs = [json.load(open(f)) for f in sorted(glob.glob(sys.argv[1] + "/*.json"))]
images = sum(r["epochs_run"] * r["spec"]["train_subset"] for r in runs)
print(f"parallelism {sys.argv[2]}: {len(runs)} runs, threads per run {sorted({r['threads'] for r in runs})},"
      f" {images} training images, best top-1 {[r['best_top1'] for r in runs]}")
PY
done
