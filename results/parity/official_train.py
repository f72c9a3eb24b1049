#!/usr/bin/env python3
"""Trains the official ReSTE CIFAR-10 model with the official recipe, for accuracy side by side.

What runs: the official model and estimator (model/models_cifar and model/binary_module of a
checkout of github.com/DravenALG/ReSTE, imported, not copied), fed by the official loader's
transforms (torchvision RandomCrop(32, padding=4), RandomHorizontalFlip, ToTensor, Normalize with
the ImageNet statistics; DataLoader shuffle=True, last partial batch kept), trained by a loop
that repeats main.py's per-epoch logic: warm-up (with --warmup), o from ReSTE(epoch) set on every
conv, SGD with momentum and weight decay on every parameter, CosineAnnealingLR stepped after each
epoch, evaluation on the test set after each epoch. What differs from main.py: the data come from
the CIFAR-10 binary batches (main.py downloads the Python pickles), --train-subset keeps the first
N training images, nothing is logged or checkpointed, and it runs on the CPU.

The official STE backward fails as published (`input = ctx.saved_tensors` keeps the tuple); with
--estimator ste this harness unpacks the tuple (steps.patch_ste_backward) and says so.

Prints one JSON record (per epoch and final top-1) on stdout, or writes it with --json. Needs
Debian's python3-torch, python3-torchvision, python3-scipy. Example:

  /usr/bin/python3 results/parity/official_train.py --official CHECKOUT \\
      --data ../shared/data/cifar10/cifar-10-batches-bin --epochs 3 --train-subset 10000 --batch 128 --seed 1
"""
import argparse
import json
import math
import os
import random
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import steps  # noqa: E402  (read_cifar, patch_ste_backward)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--official", required=True, help="checkout of DravenALG/ReSTE")
    parser.add_argument("--data", required=True, help="folder of the CIFAR-10 binary batches")
    parser.add_argument("--wa", default="1/1", choices=["1/1", "1/32"])
    parser.add_argument("--estimator", default="reste", choices=["reste", "ste"])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--train-subset", type=int, default=0, help="the first N training images (0: all)")
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--test-batch", type=int, default=128)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--o-end", type=float, default=3.0)
    parser.add_argument("--warmup", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", help="write the record here instead of stdout")
    a = parser.parse_args()

    import torch
    import torch.nn as nn
    import torchvision.transforms as transforms
    from PIL import Image
    from torch.utils.data import DataLoader, Dataset

    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    random.seed(a.seed)
    np.random.seed(a.seed)
    torch.manual_seed(a.seed)

    sys.argv = ["main.py", "--estimator", "ReSTE" if a.estimator == "reste" else "STE",
                "--o_end", str(a.o_end)] + (["--a32"] if a.wa == "1/32" else [])
    sys.path.insert(0, os.path.abspath(a.official))
    from model import models_cifar  # noqa: E402  (official code)
    from model.binary_module import binarized_modules  # noqa: E402
    if a.estimator == "ste":
        steps.patch_ste_backward(binarized_modules)

    normalize = transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
    train_transform = transforms.Compose([transforms.RandomCrop(32, padding=4), transforms.RandomHorizontalFlip(),
                                          transforms.ToTensor(), normalize])
    test_transform = transforms.Compose([transforms.ToTensor(), normalize])

    class Cifar(Dataset):
        def __init__(self, images, labels, transform):
            self.images, self.labels, self.transform = images, labels, transform

        def __len__(self):
            return len(self.labels)

        def __getitem__(self, i):
            return self.transform(Image.fromarray(self.images[i].transpose(1, 2, 0))), int(self.labels[i])

    train_images, train_labels = steps.read_cifar(a.data, True, a.train_subset or None)
    test_images, test_labels = steps.read_cifar(a.data, False)
    train_loader = DataLoader(Cifar(train_images, train_labels, train_transform), batch_size=a.batch, shuffle=True)
    test_loader = DataLoader(Cifar(test_images, test_labels, test_transform), batch_size=a.test_batch, shuffle=False)

    model = models_cifar.resnet20_1w1a(num_classes=10)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD([{"params": model.parameters(), "initial_lr": a.lr}], a.lr, momentum=0.9,
                                weight_decay=1e-4)
    warm_up = 1 if a.warmup else 0
    # As main.py: T_max and last_epoch shifted by 4 warm-up epochs when warm-up is on.
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, a.epochs - warm_up * 4, eta_min=0,
                                                           last_epoch=-1 - warm_up * 4)
    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]

    def run(loader, training):
        model.train(training)
        total, loss_sum, correct1, correct5 = 0, 0.0, 0, 0
        for inputs, target in loader:
            output = model(inputs)
            loss = criterion(output, target)
            if training:
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            top5 = output.detach().topk(5, 1).indices
            correct1 += (top5[:, 0] == target).sum().item()
            correct5 += (top5 == target[:, None]).any(1).sum().item()
            loss_sum += loss.item() * len(target)
            total += len(target)
        return loss_sum / total, 100.0 * correct1 / total, 100.0 * correct5 / total

    epochs = []
    start = time.time()
    for epoch in range(a.epochs):
        t0 = time.time()
        if warm_up and epoch < 5:
            for group in optimizer.param_groups:
                group["lr"] = a.lr * (epoch + 1) / 5
        lr = optimizer.param_groups[0]["lr"]
        ratio = torch.tensor(epoch / a.epochs)
        o = 1 + (1 - torch.cos(ratio * math.pi * 0.5)) * (a.o_end - 1)
        for module in convs:
            module.o = o
            module.o_a = o
        train_loss, train_top1, _ = run(train_loader, True)
        train_seconds = time.time() - t0
        if epoch >= 4 * warm_up:
            scheduler.step()
        with torch.no_grad():
            _, test_top1, test_top5 = run(test_loader, False)
        epochs.append({"epoch": epoch + 1, "lr": lr, "o": float(o), "train_loss": train_loss, "train_top1": train_top1,
                       "test_top1": test_top1, "test_top5": test_top5, "train_seconds": train_seconds,
                       "seconds": time.time() - t0, "images_per_s": len(train_labels) / train_seconds})
        print(f"official seed {a.seed} epoch {epoch + 1}/{a.epochs}: lr {lr:.4f} o {float(o):.3f} "
              f"loss {train_loss:.4f} train {train_top1:.2f} test {test_top1:.2f}", file=sys.stderr)
    record = {"side": "official", "seed": a.seed, "wa": a.wa, "estimator": a.estimator, "epochs_run": len(epochs),
              "epochs_planned": a.epochs, "train_subset": a.train_subset, "batch": a.batch, "lr": a.lr,
              "warmup": a.warmup, "o_end": a.o_end, "final_top1": epochs[-1]["test_top1"],
              "best_top1": max(e["test_top1"] for e in epochs), "wall_time_s": time.time() - start,
              "threads": a.threads, "torch_version": torch.__version__, "epochs": epochs}
    text = json.dumps(record, indent=1)
    if a.json:
        with open(a.json + ".tmp", "w") as f:
            f.write(text)
        os.replace(a.json + ".tmp", a.json)
    else:
        print(text)


if __name__ == "__main__":
    main()
