#!/usr/bin/env bash
# One prepared GPU check (issue 11), run from the repository root on a CUDA machine with no Java
# and no network, after results/bench/gpu/prepare.sh built .devkit/ here:
#  1. what the machine has (GPU, driver, its Python's torch, CUDA and cuDNN);
#  2. the official ReSTE code's training step, ResNet-20 1W/1A at batch 256, on the GPU at
#     o = 1, 1.59 and 3 (results/bench/official_step.py --device cuda), three rounds around the rest;
#  3. what of ours loads: DJL 0.35.1 with its pytorch-jni 2.7.1 JNI (cu128) against the machine's
#     own libtorch (the only one there), then the symbols that JNI misses in it; if the engine
#     loads and a tensor can be made on the GPU, GpuProbe times our step as ./reste bench does;
#  4. several runs on one GPU: 1, 2, 4 and 8 official training processes at once (o = 1.59), each
#     timing 300 steps, so the GPU's total images/s says how many small runs one GPU should take.
# Everything goes to stdout and to $OUT/gpu-check.log.
set -uo pipefail
scratch="$(mktemp -d)"
out="${OUT:-$scratch}"
exec > >(tee "$out/gpu-check.log") 2>&1
echo "== machine"; date -u; nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
python3 -c "import torch; print('python torch', torch.__version__, 'cuda', torch.version.cuda, 'cudnn', torch.backends.cudnn.version(), torch.cuda.get_device_name(0))"
lib="$(python3 -c 'import torch, os; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')"
echo "libtorch of the machine: $lib"; ls "$lib" | grep -E '^lib(torch|c10)' | tr '\n' ' '; echo

official() {
  for o in 1 1.5874 3; do
    PYTHONUNBUFFERED=1 timeout 90 python3 results/bench/official_step.py --official .devkit/official --device cuda \
      --o "$o" --batch 256 --steps 60 --warmup 15 --threads 8 --json
  done
}
echo "== official, round 1"; official

java=".devkit/jre/bin/java --add-modules jdk.incubator.vector -Dai.djl.offline=true -Dreste.root=$PWD -cp .devkit/classes:.devkit/lib/*"
probe() { timeout 150 env "$@" $java GpuProbe data/cifar10-sample/cifar-10-batches-bin 60 15 2>&1 | grep -v -E '^WARNING: Using incubator|registered at' | head -60; }
echo "== ours: DJL 0.35.1, JNI 2.7.1 cu128, the machine's libtorch named as 2.7.1 cu128"
probe PYTORCH_LIBRARY_PATH="$lib" PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128
jni="$(ls ~/.djl.ai/pytorch/*cu128*/*libdjl_torch.so 2>/dev/null | head -1)"
if [ -n "$jni" ]; then
  echo "== symbols the cu128 JNI ($jni) needs and the machine's libtorch lacks"
  LD_LIBRARY_PATH="$lib" ldd -r "$jni" 2>&1 | grep -c 'undefined symbol' | sed 's/^/undefined symbols: /'
  LD_LIBRARY_PATH="$lib" ldd -r "$jni" 2>&1 | grep 'undefined symbol' | head -8 | sed -E 's/undefined symbol: ([^ \t]+).*/\1/' | c++filt
  LD_LIBRARY_PATH="$lib" ldd "$jni" | grep -E 'not found|torch|c10|cuda' | head
fi
echo "== ours: the machine's libtorch named as what it is (2.11.0, cu130)"
probe PYTORCH_LIBRARY_PATH="$lib" PYTORCH_VERSION=2.11.0 PYTORCH_FLAVOR=cu130
echo "== official, round 2"; official
echo "== several official runs on one GPU at once (o = 1.5874, 300 timed steps each)"
for n in 1 2 4 8; do
  pids=()
  for k in $(seq "$n"); do
    PYTHONUNBUFFERED=1 timeout 150 python3 results/bench/official_step.py --official .devkit/official --device cuda \
      --o 1.5874 --batch 256 --steps 300 --warmup 20 --threads $((16 / n)) --json > "$scratch/concurrent-$n-$k.json" &
    pids+=($!)
  done
  # Its PIDs, not a bare wait: that would also wait on the tee of this script's own output.
  wait "${pids[@]}"
  python3 - "$n" "$scratch" <<'PY'
import glob, json, sys
n, scratch = sys.argv[1], sys.argv[2]
rates = [json.load(open(f))["images_per_s_median"] for f in sorted(glob.glob(f"{scratch}/concurrent-{n}-*.json"))]
print(f"{n} at once: per run median images/s {rates}, sum {round(sum(rates), 1)}")
PY
done
echo "== official, round 3"; official
echo "== done"; date -u
