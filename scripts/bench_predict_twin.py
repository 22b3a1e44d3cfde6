"""Reference for `tagbench bench predict`: the forward pass alone of the plain PyTorch twin of a tagbench network
(scripts/twin_network.py, built from `tagbench model summary --json`), in inference mode on random log-mel batches,
in clips per second. No decoding and no mel: an upper bound on what a PyTorch script gets from the same network.

    ./tagbench model summary --arch k2c2 --params 1M --json > /tmp/k2c2.json
    /usr/bin/python3 scripts/bench_predict_twin.py /tmp/k2c2.json [--batch 16] [--batches 4] [--threads 2]
                                                  [--profile]

--profile also times one more batch under torch.profiler and prints its operators by their own CPU time.
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from twin_network import network  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("summary")
parser.add_argument("--batch", type=int, default=16)
parser.add_argument("--batches", type=int, default=4)
parser.add_argument("--threads", type=int, default=os.cpu_count())
parser.add_argument("--profile", action="store_true")
args = parser.parse_args()
torch.set_num_threads(args.threads)
summary = json.load(open(args.summary))
model = network(summary).eval()
mels, frames = summary["input"]
x = torch.randn(args.batch, 1, mels, frames)
with torch.inference_mode():
    model(x)  # warm-up: oneDNN picks and compiles its kernels on the first call
    start = time.perf_counter()
    for _ in range(args.batches):
        model(x)
    seconds = time.perf_counter() - start
    if args.profile:
        with torch.profiler.profile() as profile:
            model(x)
        print(profile.key_averages().table(sort_by="self_cpu_time_total", row_limit=8))
print(f"torch {torch.__version__}, {args.threads} threads, batch {args.batch}: "
      f"{args.batch * args.batches / seconds:.2f} clips/s")
