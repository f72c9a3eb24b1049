#!/usr/bin/env python3
"""Step-by-step parity of our training core against the official ReSTE PyTorch code.

Reads a trace written by `./reste parity-trace` (our model's initial weights, every step's
batch with its crops and flips, logits, loss, gradients, weights and momentum buffers) and
repeats it with the official model (model/models_cifar and model/binary_module of a checkout
of github.com/DravenALG/ReSTE, imported, not copied) and torch.optim.SGD, then compares every
quantity. Two ways, both printed:

  teacher  each step starts from OUR state before it (weights, running statistics, momentum
           buffers), so a difference belongs to that step alone; the first quantity beyond
           float32 noise names the cause
  free     the official side runs on from the shared initial weights with its own state, as a
           side-by-side training would; differences may grow step by step (a weight or an
           activation that crosses zero changes its sign)

It also rebuilds every batch from the raw CIFAR-10 images with torchvision's own transforms
(pad 4 with black, crop at the traced offsets, flip, ToTensor, Normalize) and compares it
with the batch we trained on, and compares inference-mode logits on the first test images.

The official STE backward fails as published (`input = ctx.saved_tensors` keeps the tuple);
for `--estimator ste` traces this harness replaces only that line's effect, unpacking the
tuple, and says so in its output. Needs Debian's python3-torch (1.13), python3-torchvision
and python3-scipy (the official module imports scipy). Usage:

  /usr/bin/python3 results/parity/steps.py --official CHECKOUT --trace TRACE --data CIFAR_BIN [--json OUT]
"""
import argparse
import json
import os
import sys

import numpy as np

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)
RECORD = 1 + 3 * 32 * 32
# Relative error ||ours - official|| / ||official|| above which a quantity "differs": arithmetic
# in different op orders (oneDNN builds, reduction orders) stays far below this.
TOLERANCES = {"float32": 1e-4, "float64": 1e-9}
# A tensor whose reference norm is below this fraction of the largest of its kind is zero up to
# rounding on both sides (the last block's BN bias before average pooling and BatchNorm1d has a
# gradient of exactly 0), and its relative error means nothing.
NEGLIGIBLE = 1e-5


def read_cifar(folder, train, count=None):
    names = [f"data_batch_{k}.bin" for k in range(1, 6)] if train else ["test_batch.bin"]
    images, labels = [], []
    for name in names:
        raw = np.fromfile(os.path.join(folder, name), dtype=np.uint8).reshape(-1, RECORD)
        labels.append(raw[:, 0].astype(np.int64))
        images.append(raw[:, 1:].reshape(-1, 3, 32, 32))
        if count is not None and sum(len(x) for x in labels) >= count:
            break
    images, labels = np.concatenate(images), np.concatenate(labels)
    return (images, labels) if count is None else (images[:count], labels[:count])


def relative(ours, official):
    ours = np.asarray(ours, dtype=np.float64)
    official = np.asarray(official, dtype=np.float64)
    norm = np.linalg.norm(official)
    diff = np.linalg.norm(ours - official)
    return float(diff / norm) if norm > 0 else float(diff)


class Trace:
    def __init__(self, folder):
        self.folder = folder
        with open(os.path.join(folder, "meta.json")) as f:
            self.meta = json.load(f)
        self.params = self.meta["params"]

    def array(self, *parts):
        return np.load(os.path.join(self.folder, *parts))

    def state(self, where):
        return [self.array(where, f"p{p['index']:03d}.npy") for p in self.params]

    def buffers(self, step):
        return {p["index"]: self.array(f"step{step:03d}", "buffer", f"p{p['index']:03d}.npy")
                for p in self.params if p["trainable"]}


def official_model(official, trace):
    meta = trace.meta
    estimator = {"reste": "ReSTE", "ste": "STE"}.get(meta["estimator"])
    if estimator is None:
        sys.exit(f"steps.py: the official code has no estimator {meta['estimator']!r} (reste or ste)")
    # The official modules read their options from argparse when imported.
    sys.argv = ["main.py", "--estimator", estimator] + (["--a32"] if meta["wa"] == "1/32" else [])
    sys.path.insert(0, os.path.abspath(official))
    from model import models_cifar  # noqa: E402  (official code)
    from model.binary_module import binarized_modules  # noqa: E402
    if estimator == "STE":
        patch_ste_backward(binarized_modules)
    if meta.get("scale_after_conv"):
        patch_scale_after_conv(binarized_modules)
    builders = {("resnet20", "1/1"): "resnet20_1w1a", ("resnet20", "1/32"): "resnet20_1w1a",
                ("resnet20", "32/32"): "resnet20"}
    name = builders.get((meta["backbone"], meta["wa"]))
    if name is None:
        sys.exit(f"steps.py: no official builder for {meta['backbone']} {meta['wa']}")
    return getattr(models_cifar, name)(num_classes=10), binarized_modules.BinarizeConv2d


def patch_ste_backward(module):
    """The published Binary.backward does `input = ctx.saved_tensors` (a tuple) and fails; this is
    the same backward with the tuple unpacked: gradient 1 where |input| <= 1, else 0. (It also
    returns three gradients for Binary.forward's one input; torch ignores the trailing Nones.)"""
    import torch

    def backward(ctx, grad_output):
        (saved,) = ctx.saved_tensors
        tmp = torch.ones_like(saved)
        tmp[torch.abs(saved) > 1] = 0
        return tmp * grad_output.clone(), None, None

    module.Binary.backward = staticmethod(backward)
    print("note: official STE backward patched in this harness only (ctx.saved_tensors unpacked)")


def patch_scale_after_conv(module):
    """As the trace's --scale-after-conv: conv2d(sign(a), sign(w)) * mean(|w|), the official
    forward with the scale moved behind the conv (the same value; exact zeros where signs cancel)."""
    import torch
    import torch.nn.functional as F
    published = module.BinarizeConv2d.forward

    def forward(self, input):
        w0 = self.weight
        if module.args.estimator == "STE":
            bw = module.Binary().apply(w0)
            ba = input if module.args.a32 else module.Binary().apply(input)
        else:
            bw = module.Binary_ReSTE().apply(w0, self.t.to(w0.device), self.o.to(w0.device))
            ba = input if module.args.a32 else module.Binary_ReSTE().apply(
                input, self.t_a.to(w0.device), self.o_a.to(w0.device))
        scaler = torch.mean(torch.abs(w0), dim=(0, 1, 2, 3), keepdim=True)
        out = F.conv2d(ba, bw, self.bias, self.stride, self.padding, self.dilation, self.groups)
        return out * scaler.view(1, 1, 1, 1)

    module.BinarizeConv2d.forward = forward
    module.BinarizeConv2d.published_forward = published
    print("note: official BinarizeConv2d scales its conv output instead of its weights in this harness (--scale-after-conv)")


def official_names(model, trace):
    keys = [k for k in model.state_dict() if not k.endswith("num_batches_tracked")]
    if len(keys) != len(trace.params):
        sys.exit(f"steps.py: the official model has {len(keys)} tensors, the trace {len(trace.params)}")
    state = model.state_dict()
    for key, p in zip(keys, trace.params):
        if list(state[key].shape) != list(p["shape"]):
            sys.exit(f"steps.py: {key} {list(state[key].shape)} against ours {p['name']} {p['shape']}")
    return keys


def load_state(model, keys, arrays):
    import torch
    state = model.state_dict()
    with torch.no_grad():
        for key, value in zip(keys, arrays):
            state[key].copy_(torch.from_numpy(np.ascontiguousarray(value)))


def torchvision_batch(raw, indices, dy, dx, flip):
    """The batch as the official loader makes it: PIL pad(4, black), crop at (dy, dx), flip, ToTensor, Normalize."""
    import torch
    import torchvision.transforms.functional as TF
    from PIL import Image
    out = []
    for i, index in enumerate(indices):
        img = Image.fromarray(raw[index].transpose(1, 2, 0))
        img = TF.crop(TF.pad(img, 4, fill=0), int(dy[i]), int(dx[i]), 32, 32)
        if flip[i]:
            img = TF.hflip(img)
        out.append(TF.normalize(TF.to_tensor(img), MEAN, STD))
    return torch.stack(out).numpy()


def run(args):
    import torch
    import torch.nn as nn
    torch.set_num_threads(args.threads)
    trace = Trace(args.trace)
    meta = trace.meta
    model, binary_conv = official_model(args.official, trace)
    keys = official_names(model, trace)
    trainable = [p for p in trace.params if p["trainable"]]
    by_key = dict(model.named_parameters())
    param_of = {p["index"]: by_key[keys[p["index"]]] for p in trainable}
    raw, _ = read_cifar(args.data, True, meta["train_images"])
    criterion = nn.CrossEntropyLoss()
    report = {"trace": os.path.abspath(args.trace), "meta": {k: v for k, v in meta.items() if k != "params"},
              "torch_version": torch.__version__, "modes": {}}

    def new_optimizer():
        return torch.optim.SGD(model.parameters(), meta["lr"], momentum=meta["momentum"],
                               weight_decay=meta["weight_decay"])

    dtype = meta.get("dtype", "float32")
    tolerance = TOLERANCES[dtype]
    report["tolerance"] = tolerance
    report["dtype"] = dtype
    if dtype == "float64":
        model.double()
    to_tensor = lambda a: torch.tensor(a, dtype=torch.float64 if dtype == "float64" else torch.float32)  # noqa: E731
    for mode in args.modes:
        load_state(model, keys, trace.state("init"))
        optimizer = new_optimizer()
        rows = []
        for s, info in enumerate(meta["steps"]):
            step = f"step{s:03d}"
            if mode == "teacher" and s > 0:
                load_state(model, keys, trace.state(f"step{s - 1:03d}/after"))
                previous = trace.buffers(s - 1)
                for index, param in param_of.items():
                    optimizer.state[param]["momentum_buffer"] = torch.from_numpy(previous[index].copy())
            for module in model.modules():
                if isinstance(module, binary_conv):
                    if info["schedule_value_weights"] is not None:
                        module.o = to_tensor(info["schedule_value_weights"])
                    if info["schedule_value_activations"] is not None:
                        module.o_a = to_tensor(info["schedule_value_activations"])
            images = trace.array(step, "input.npy")
            labels = trace.array(step, "labels.npy")
            row = {"step": s, "o": info["schedule_value_weights"]}
            if mode == "teacher":
                rebuilt = torchvision_batch(raw, trace.array(step, "indices.npy"), trace.array(step, "dy.npy"),
                                            trace.array(step, "dx.npy"), trace.array(step, "flip.npy"))
                row["input"] = relative(images, rebuilt)
            model.train()
            logits = model(torch.from_numpy(images))
            loss = criterion(logits, torch.from_numpy(labels))
            optimizer.zero_grad()
            loss.backward()
            row["logits"] = relative(trace.array(step, "logits.npy"), logits.detach().numpy())
            row["loss"] = relative(trace.array(step, "loss.npy"), loss.item())
            grads = compare({keys[p["index"]]: (trace.array(step, "grad", f"p{p['index']:03d}.npy"),
                                                 param_of[p["index"]].grad.numpy()) for p in trainable})
            optimizer.step()
            after = dict(zip(keys, trace.state(f"{step}/after")))
            state = model.state_dict()
            stats = compare({k: (after[k], state[k].numpy()) for k in keys if "running" in k})
            weights = compare({k: (after[k], state[k].numpy()) for k in keys if "running" not in k})
            ours_buffers = trace.buffers(s)
            buffers = compare({keys[i]: (ours_buffers[i], optimizer.state[param_of[i]]["momentum_buffer"].numpy())
                               for i in param_of})
            for name, values in (("grad", grads), ("running_stats", stats), ("weights_after", weights),
                                 ("momentum_buffer", buffers)):
                worst = max(values, key=values.get)
                row[name] = values[worst]
                row[name + "_worst"] = worst
            row["loss_ours"] = float(trace.array(step, "loss.npy"))
            row["loss_official"] = loss.item()
            rows.append(row)
        if mode == "teacher":
            load_state(model, keys, trace.state(f"step{len(meta['steps']) - 1:03d}/after"))
        model.eval()
        with torch.no_grad():
            logits = model(torch.from_numpy(trace.array("eval", "input.npy"))).numpy()
        ours = trace.array("eval", "logits.npy")
        eval_labels = trace.array("eval", "labels.npy")
        full_test = None
        if mode == "teacher" and meta.get("trainer_test_top1") is not None:
            full_test = official_test_top1(model, args.data, meta.get("test_batch", 128), meta.get("test_images"))
        report["modes"][mode] = {
            "steps": rows,
            "test_top1_trainer": meta.get("trainer_test_top1") if mode == "teacher" else None,
            "test_top1_official": full_test,
            "eval_logits": relative(ours, logits),
            "eval_top1_ours": float((ours.argmax(1) == eval_labels).mean() * 100),
            "eval_top1_official": float((logits.argmax(1) == eval_labels).mean() * 100),
            "eval_prediction_agreement": float((ours.argmax(1) == logits.argmax(1)).mean() * 100),
        }
    return report


def compare(pairs):
    """Relative error per tensor, leaving out the tensors that are zero up to rounding (NEGLIGIBLE)."""
    norms = {k: float(np.linalg.norm(b)) for k, (_, b) in pairs.items()}
    largest = max(norms.values())
    return {k: relative(a, b) for k, (a, b) in pairs.items() if norms[k] >= NEGLIGIBLE * largest}


# Quantities that are float32 on our side whatever the trace's dtype: the augmented batch (made in
# float32, then cast), the loss (recorded as a float) and the running statistics (DJL hands
# BatchNorm its momentum as a float, 1f - 0.9f = 0.100000024, a relative 2.4e-7 in each update).
FLOAT32_ALWAYS = ("input", "loss", "running_stats")


def official_test_top1(model, data, batch, count):
    """Top-1 (%) of the model in eval mode on the test split, read and normalised as the official loader does."""
    import torch
    import torchvision.transforms as transforms
    from PIL import Image
    images, labels = read_cifar(data, False)
    if count:
        images, labels = images[:count], labels[:count]
    transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize(MEAN, STD)])
    model.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, len(labels), batch):
            x = torch.stack([transform(Image.fromarray(im.transpose(1, 2, 0))) for im in images[start:start + batch]])
            correct += (model(x.to(next(model.parameters()).dtype)).argmax(1).numpy() == labels[start:start + batch]).sum()
    return 100.0 * correct / len(labels)


def first_difference(rows, tolerance):
    order = ["input", "logits", "loss", "grad", "running_stats", "weights_after", "momentum_buffer"]
    for row in rows:
        for name in order:
            limit = max(tolerance, TOLERANCES["float32"]) if name in FLOAT32_ALWAYS else tolerance
            if name in row and row[name] > limit:
                return row["step"], name, row.get(name + "_worst"), row[name]
    return None


def print_report(report):
    meta = report["meta"]
    tolerance = report["tolerance"]
    print(f"parity: {meta['backbone']} {meta['wa']} {meta['estimator']} in {report['dtype']}, batch {meta['batch']}, lr {meta['lr']}; "
          f"ours libtorch {meta['pytorch_version']} (DJL {meta['djl_version']}), official torch {report['torch_version']}")
    print("relative error ||ours - official|| / ||official||; worst tensor of each kind")
    for mode, result in report["modes"].items():
        print(f"\n[{mode}]")
        print(f"{'step':>4} {'o':>6} {'input':>9} {'logits':>9} {'loss':>9} {'grad':>9} {'bn stats':>9} "
              f"{'weights':>9} {'momentum':>9}  worst gradient")
        for r in result["steps"]:
            cell = lambda k: f"{r[k]:9.2e}" if k in r else f"{'-':>9}"  # noqa: E731
            o = "-" if r["o"] is None else f"{r['o']:.3f}"
            print(f"{r['step']:>4} {o:>6} {cell('input')} {cell('logits')} {cell('loss')} {cell('grad')} "
                  f"{cell('running_stats')} {cell('weights_after')} {cell('momentum_buffer')}  {r['grad_worst']}")
        print(f"eval logits {result['eval_logits']:.2e}; top-1 ours {result['eval_top1_ours']:.2f}, "
              f"official {result['eval_top1_official']:.2f}, same prediction {result['eval_prediction_agreement']:.1f}%")
        if result.get("test_top1_official") is not None:
            print(f"whole test split after the last step: the trainer's evaluation {result['test_top1_trainer']:.2f}, "
                  f"the official model with our weights {result['test_top1_official']:.2f}")
        first = first_difference(result["steps"], tolerance)
        if first is None:
            extra = f" ({', '.join(FLOAT32_ALWAYS)} within {TOLERANCES['float32']:g})" if tolerance < TOLERANCES["float32"] else ""
            print(f"every quantity within {tolerance:g}{extra}")
        else:
            step, name, worst, value = first
            print(f"first beyond {tolerance:g}: step {step}, {name}" + (f" ({worst})" if worst else "") + f": {value:.2e}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--official", required=True, help="checkout of DravenALG/ReSTE")
    parser.add_argument("--trace", required=True, help="folder written by ./reste parity-trace")
    parser.add_argument("--data", required=True, help="folder of the CIFAR-10 binary batches")
    parser.add_argument("--modes", default="teacher,free")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", help="also write the report here")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a teacher-forced quantity differs beyond its tolerance (the guard)")
    args = parser.parse_args()
    args.modes = args.modes.split(",")
    report = run(args)
    print_report(report)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=1)
    if args.check and "teacher" in report["modes"] and first_difference(
            report["modes"]["teacher"]["steps"], report["tolerance"]) is not None:
        sys.exit(1)


if __name__ == "__main__":
    main()
