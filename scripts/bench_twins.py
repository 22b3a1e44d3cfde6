#!/usr/bin/python3
"""The PyTorch twin of a tagbench network, for docs/benchmarks.md: built by scripts/twin_network.py from the JSON
of `tagbench model summary --json` (each layer's kind and fields), checked to have exactly tagbench's trainable
parameter count, then timed: training steps (forward, BCE with logits, backward, Adam) on a fixed random batch.
Prints one JSON object with the same fields as `tagbench bench step --json`. Needs Debian's python3-torch.

  java -jar target/tagbench.jar model summary --json --arch k2c2 --params 1M --input 96x1366 > k2c2.json
  /usr/bin/python3 scripts/bench_twins.py --summary k2c2.json --steps 5 --warmup 2

Every layer kind of scripts/twin_network.py builds, so FCN and the short-chunk CNN too; time them at 0.5M and at
their paper sizes on their paper inputs (29 s and 59,049 samples at 16 kHz, hop 256; docs/architectures.md):
  java -jar target/tagbench.jar model summary --json --arch fcn --params 447732 --input 96x1813 > fcn.json
  java -jar target/tagbench.jar model summary --json --arch shortchunk --params 3687348 --input 128x231 > sc.json
  (the same with --params 0.5M; scripts/bench_engines.sh takes them as ARCHS="fcn shortchunk" INPUTS=96x1813 or
  INPUTS=128x231)
A waveform network (samplecnn, input 1 x samples, e.g. --input 1x59049 at its paper size) gets a batch of
waveform-like noise (standard deviation 0.1) instead of log-mel-like values.
musicnn's average pools have twins too (paper size 784,300 at 96 x 188, --params 784300 --input 96x188), and the
LSTM and attention pooling of bilstm-attn:

  java -jar target/tagbench.jar model summary --json --arch bilstm-attn --params 0.5M --input 96x1366 > b.json
  /usr/bin/python3 scripts/bench_twins.py --summary b.json --steps 5 --warmup 2

Run by scripts/bench_engines.sh, one configuration per process so that the peak RSS is that configuration's."""
import argparse
import json
import resource
import statistics
import sys
import time

import torch
from torch import nn

import twin_network


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", required=True, help="JSON of tagbench model summary --json ('-' = stdin)")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--steps", type=int, default=5, help="timed steps")
    parser.add_argument("--warmup", type=int, default=2, help="untimed steps first")
    parser.add_argument("--threads", type=int, default=2, help="intra-op threads")
    parser.add_argument("--interop", type=int, default=1, help="inter-op threads")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(args.interop)
    torch.manual_seed(1)
    with (sys.stdin if args.summary == "-" else open(args.summary)) as f:
        summary = json.load(f)

    try:
        model = twin_network.network(summary)
    except ValueError as e:
        sys.exit(f"bench_twins.py: {e}")
    params = twin_network.trainable_params(model)
    mels, frames = summary["input"]
    waveform = summary["layers"][0]["kind"] == "Conv1dBlock"
    x = torch.randn(args.batch, 1, mels, frames) * (0.1 if waveform else 20) - (0 if waveform else 40)
    y = (torch.rand(args.batch, summary["tags"]) < 0.1).float()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_of = nn.BCEWithLogitsLoss()
    model.train()

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_of(model(x), y)
        loss.backward()
        optimizer.step()
        return loss.item()

    for _ in range(args.warmup):
        step()
    seconds = []
    for _ in range(args.steps):
        start = time.perf_counter()
        loss = step()
        seconds.append(time.perf_counter() - start)
    print(json.dumps({
        "engine": "torch-twin",
        "backend": f"python torch {torch.__version__} ({torch.get_num_threads()} threads, "
                   f"{torch.get_num_interop_threads()} inter-op)",
        "arch": summary["arch"], "input": [mels, frames], "tags": summary["tags"], "widths": summary["widths"],
        "params": params, "batch": args.batch, "warmup": args.warmup, "step_seconds": seconds,
        "median_s": statistics.median(seconds), "mean_s": statistics.fmean(seconds), "loss": loss,
        # Linux reports ru_maxrss in kB.
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }))


if __name__ == "__main__":
    main()
