#!/usr/bin/env python3
"""Summarises an accuracy.sh folder: both sides' final top-1 per seed, their distributions, and
the difference ours - official with its 95% confidence interval.

The two sides share seeds but not initial weights or batches (each framework draws its own from
the seed), so the comparison is unpaired: Welch's t interval on the difference of means (scipy's
Student t quantiles, Welch-Satterthwaite degrees of freedom). The acceptance rule of issue 9:
ours' mean may not fall below the official mean by more than one combined standard error,
sqrt(sd_ours^2 / n_ours + sd_official^2 / n_official). Writes OUT/README.md (or --out) and
prints it. Usage:

  /usr/bin/python3 results/parity/accuracy_stats.py OUT [--title TEXT]
"""
import argparse
import glob
import json
import math
import os
import statistics


def load(folder):
    ours, official, meta = {}, {}, {}
    for path in sorted(glob.glob(os.path.join(folder, "ours", "runs", "*.json"))):
        with open(path) as f:
            record = json.load(f)
        if record.get("status") != "finished":
            continue
        spec = record["spec"]
        ours[spec["seed"]] = record["final_top1"]
        meta.setdefault("ours", {"pytorch_version": record.get("pytorch_version"),
                                 "djl_version": record.get("djl_version"), "commit": record.get("commit"),
                                 "device": record.get("device"), "threads": record.get("threads"),
                                 "epochs_run": record.get("epochs_run"), "spec": spec})
        meta.setdefault("ours_wall", []).append(record.get("wall_time_s", 0))
    for path in sorted(glob.glob(os.path.join(folder, "official", "seed*.json"))):
        with open(path) as f:
            record = json.load(f)
        official[record["seed"]] = record["final_top1"]
        meta.setdefault("official", {k: record.get(k) for k in
                                     ("torch_version", "threads", "epochs_run", "train_subset", "batch", "lr",
                                      "warmup", "o_end", "wa", "estimator")})
        meta.setdefault("official_wall", []).append(record.get("wall_time_s", 0))
    return ours, official, meta


def describe(values):
    n = len(values)
    mean = statistics.fmean(values)
    sd = statistics.stdev(values) if n > 1 else float("nan")
    return n, mean, sd, min(values), max(values)


def welch(a, b):
    from scipy import stats
    na, ma, sa, _, _ = describe(a)
    nb, mb, sb, _, _ = describe(b)
    va, vb = sa * sa / na, sb * sb / nb
    se = math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va * va / (na - 1) + vb * vb / (nb - 1))
    q = stats.t.ppf(0.975, df)
    diff = ma - mb
    return diff, se, df, diff - q * se, diff + q * se, diff / se


def report(folder, title):
    ours, official, meta = load(folder)
    if len(ours) < 2 or len(official) < 2:
        raise SystemExit(f"accuracy_stats: need at least 2 finished runs per side in {folder} "
                         f"(ours {len(ours)}, official {len(official)})")
    seeds = sorted(set(ours) | set(official))
    lines = [f"# {title}", ""]
    o, f = meta["ours"], meta["official"]
    spec = o["spec"]
    lines += [f"Budget: ResNet-20 {spec['wa']} {spec['estimator']}, first {spec['train_subset']:,} CIFAR-10 training images, "
              f"{spec['epochs']} epochs, batch {spec['batch']}, lr {spec['lr']} cosine per epoch"
              f"{', 5 warm-up epochs' if spec.get('warmup_epochs') else ', no warm-up'}, o_end {spec['o_end']}, "
              "full test set; final top-1 (%) after the last epoch.", "",
              f"- ours: `./reste train` (DJL {o['djl_version']}, libtorch {o['pytorch_version']}, {o['device']}, "
              f"{o['threads']} threads, commit {o['commit']}), {o['epochs_run']} epochs run",
              f"- official: `results/parity/official_train.py` (the official model and estimator, torch "
              f"{f['torch_version']}, {f['threads']} threads), {f['epochs_run']} epochs run",
              f"- wall time per run, median: ours {statistics.median(meta['ours_wall']) / 60:.1f} min, "
              f"official {statistics.median(meta['official_wall']) / 60:.1f} min (interleaved, same machine)", ""]
    lines.append("| seed | " + " | ".join(str(s) for s in seeds) + " | n | mean ± sd | min-max |")
    lines.append("|---|" + "---|" * (len(seeds) + 3))
    for name, values in (("ours", ours), ("official", official)):
        n, mean, sd, lo, hi = describe(list(values.values()))
        cells = [f"{values[s]:.2f}" if s in values else "" for s in seeds]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {n} | {mean:.2f} ± {sd:.2f} | {lo:.2f}-{hi:.2f} |")
    diff, se, df, low, high, t = welch(list(ours.values()), list(official.values()))
    passed = diff >= -se
    lines += ["", f"Difference ours - official: **{diff:+.2f} points**, 95% CI [{low:+.2f}, {high:+.2f}] "
              f"(Welch, df {df:.1f}; t = {t:.2f}); combined standard error {se:.2f}.", "",
              f"Rule (issue 9): ours' mean no more than one combined standard error below the official mean: "
              f"**{'holds' if passed else 'fails'}** ({diff:+.2f} {'>=' if passed else '<'} {-se:.2f}).", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--title", default="Accuracy at equal budget, ours against the official code")
    parser.add_argument("--out", help="default: FOLDER/README.md")
    a = parser.parse_args()
    text = report(a.folder, a.title)
    with open(a.out or os.path.join(a.folder, "README.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
