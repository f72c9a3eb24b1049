#!/usr/bin/env python3
"""Times the official ReSTE PyTorch code's CIFAR training step on this machine's CPU, the way
`./reste bench` times ours, so the two can be run side by side.

What it times: one full step of the official ResNet-20 (its BinarizeConv2d and Binary_ReSTE,
imported from a checkout of github.com/DravenALG/ReSTE given by --official) on real CIFAR-10
images read from the official binary batches: forward, cross-entropy, backward, SGD (momentum
0.9, weight decay 1e-4, lr 0.1), after --warmup untimed steps, cycling up to 4 consecutive
batches of the first training images exactly as ThroughputBenchmark does. Then evaluation as the
official main.py tests: model.eval() and torch.no_grad(), forward and top-1/top-5 counting over
the same batches, 3 untimed passes and 5 timed ones. It prints the same JSON fields as
`./reste bench --json`.

This is our harness around the official model, not part of the official code; it needs a
PyTorch (tested with Debian's python3-torch 1.13) and the official checkout, neither of which
this project ships. Example:

  /usr/bin/python3 results/bench/official_step.py --official /path/to/ReSTE --o 3 --json
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)
RECORD = 1 + 3 * 32 * 32
DISTINCT_BATCHES = 4
EVAL_PASSES = 5
EVAL_WARMUP_PASSES = 3  # as ours (ThroughputBenchmark), whose JIT-compiled bit convolutions need them


def read_cifar(folder, count):
    """The first `count` training images (uint8 NCHW) and labels from data_batch_*.bin."""
    import numpy as np
    images, labels = [], []
    for k in range(1, 6):
        path = os.path.join(folder, f"data_batch_{k}.bin")
        if not os.path.exists(path):
            break
        raw = np.fromfile(path, dtype=np.uint8).reshape(-1, RECORD)
        labels.append(raw[:, 0].astype(np.int64))
        images.append(raw[:, 1:].reshape(-1, 3, 32, 32))
        if sum(len(x) for x in labels) >= count:
            break
    if not labels:
        sys.exit(f"official_step: no data_batch_*.bin in {folder}")
    return np.concatenate(images)[:count], np.concatenate(labels)[:count]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--official", required=True, help="checkout of DravenALG/ReSTE")
    parser.add_argument("--data", default="data/cifar10-sample/cifar-10-batches-bin",
                        help="folder of the CIFAR-10 binary batches (default: the shipped sample)")
    parser.add_argument("--wa", default="1/1", choices=["1/1", "1/32"])
    parser.add_argument("--o", type=float, default=1.0, help="ReSTE's power o for weights and activations")
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"],
                        help="cuda: as the official main.py trains (cudnn.benchmark on, model and o on the GPU);"
                             " each timed step and evaluation pass ends with torch.cuda.synchronize()")
    parser.add_argument("--pretrain-steps", type=int, default=0,
                        help="first train this many steps along the schedule up to --o (o and the cosine lr"
                             " ramped per step from the start), so that the timed steps see a trained state;"
                             " the timed steps then use the cosine lr of that point instead of 0.1")
    parser.add_argument("--json", action="store_true")
    a = parser.parse_args()

    import numpy as np
    import torch
    import torch.nn as nn
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)

    # The official modules read their options from argparse at import time.
    sys.argv = ["main.py", "--estimator", "ReSTE"] + (["--a32"] if a.wa == "1/32" else [])
    sys.path.insert(0, os.path.abspath(a.official))
    from model import models_cifar  # noqa: E402  (official code)
    from model.binary_module import BinarizeConv2d  # noqa: E402

    model = models_cifar.resnet20_1w1a()
    binarized = [module for module in model.modules() if isinstance(module, BinarizeConv2d)]
    cuda = a.device == "cuda"

    def set_o(o):
        for module in binarized:
            module.o = torch.tensor(o).float().to(a.device)
            module.o_a = torch.tensor(o).float().to(a.device)
    set_o(a.o)
    if cuda:
        torch.backends.cudnn.benchmark = True
        model = model.cuda()
    model.train()

    images, labels = read_cifar(a.data, DISTINCT_BATCHES * a.batch)
    distinct = max(1, min(DISTINCT_BATCHES, len(labels) // a.batch))
    mean = torch.tensor(MEAN).view(1, 3, 1, 1)
    std = torch.tensor(STD).view(1, 3, 1, 1)
    batches = []
    for b in range(distinct):
        idx = [(b * a.batch + j) % len(labels) for j in range(a.batch)]
        x = torch.from_numpy(images[idx].astype(np.float32) / 255.0)
        batch = (((x - mean) / std).contiguous(), torch.from_numpy(labels[idx]))
        batches.append(tuple(t.cuda() for t in batch) if cuda else batch)

    def finish():
        if cuda:
            torch.cuda.synchronize()

    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    criterion = nn.CrossEntropyLoss()
    # The point of the schedule --o stands at (ReSTE, o_end = 3: o = 1 + (1 - cos(pi/2 f)) 2), for the ramp.
    fraction = 2 / math.pi * math.acos(max(-1.0, min(1.0, 1 - (a.o - 1) / 2)))
    for s in range(a.pretrain_steps):
        at = fraction * s / a.pretrain_steps
        set_o(1 + (1 - math.cos(math.pi / 2 * at)) * 2)
        for group in optimizer.param_groups:
            group["lr"] = 0.05 * (1 + math.cos(math.pi * at))
        x, y = batches[s % distinct]
        loss = criterion(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    if a.pretrain_steps > 0:
        set_o(a.o)
        for group in optimizer.param_groups:
            group["lr"] = 0.05 * (1 + math.cos(math.pi * fraction))
    seconds = []
    for i in range(-a.warmup, a.steps):
        x, y = batches[i % distinct]
        start = time.perf_counter()
        loss = criterion(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        finish()
        if i >= 0:
            seconds.append(time.perf_counter() - start)
    rates = sorted(a.batch / s for s in seconds)

    # The share of the binarized convolutions' inputs within [-t, t] after the timed steps: the
    # official backward's masked indexing costs in proportion to it (a fresh model jumped to o = 3
    # drives it from about 0.78 to 0.35 within a few steps; a trained one keeps about 0.7).
    shares = []
    hooks = [m.register_forward_hook(lambda m, i, o: shares.append(float((i[0].abs() <= 1.5).float().mean())))
             for m in binarized]
    with torch.no_grad():
        model(batches[0][0])
    for hook in hooks:
        hook.remove()
    in_range = sum(shares) / len(shares)

    model.eval()
    eval_rates = []
    with torch.no_grad():
        for i in range(-EVAL_WARMUP_PASSES, EVAL_PASSES):
            start = time.perf_counter()
            correct1 = correct5 = 0
            for x, y in batches:
                top5 = model(x).topk(5, 1).indices
                hits = top5.eq(y.view(-1, 1))
                correct1 += int(hits[:, 0].sum())
                correct5 += int(hits.sum())
            finish()
            if i >= 0:
                eval_rates.append(distinct * a.batch / (time.perf_counter() - start))
    eval_rates.sort()
    result = {"implementation": "official", "torch": torch.__version__, "backbone": "resnet20", "wa": a.wa,
              "estimator": "reste", "schedule_value": a.o, "batch": a.batch, "threads": a.threads, "device": torch.cuda.get_device_name(0) if cuda else "cpu",
              "steps": a.steps, "pretrain_steps": a.pretrain_steps,
              "in_range": round(in_range, 3), "images_per_s_median": round(statistics.median(rates), 1),
              "images_per_s_min": round(rates[0], 1), "images_per_s_max": round(rates[-1], 1),
              "eval_images_per_s_median": round(statistics.median(eval_rates), 1),
              "eval_images_per_s_min": round(eval_rates[0], 1), "eval_images_per_s_max": round(eval_rates[-1], 1)}
    print(json.dumps(result) if a.json else
          f"official resnet20 {a.wa} reste o={a.o} batch {a.batch}, {result['device']}, {a.threads} threads: median "
          f"{result['images_per_s_median']} img/s (min {result['images_per_s_min']}, max {result['images_per_s_max']});"
          f" evaluation median {result['eval_images_per_s_median']} img/s")


if __name__ == "__main__":
    main()
