#!/usr/bin/python3
"""Why the short-chunk ResNet learns the generated set slowly: the network and variants of it, trained side by side.

  /usr/bin/python3 scripts/shortchunk_res_variants.py CONFIG [--variant V] [--arch A] [--params 100k] [--epochs 30]
                                                      [--frames 32] [--lr 0.004] [--batch 16] [--seed 1] [--init torch|he]

A diagnostic for docs/architectures.md ("shortchunk-res", session 13), not a reference: CONFIG is a learning check's
config (its data and features, read by train_twin.py's reader, which does not add tagbench's per-architecture
defaults: write the short-chunk ResNet's `mel_scale: htk, norm: none` into it as docs/architectures.md's runs did). Each clip's whole log-mel is computed once (train_twin.py's LogMel) and every
training step crops `--frames` frames at random from it, so a run of 30 epochs at 24 x 32 takes seconds; evaluation
averages the first and the last crop of each track. These crops are of frames, not of samples as tagbench and
train_twin.py cut them, so the figures are lower than `tagbench run`'s (k2c2 0.92 here against 0.95 there) and only
comparable with each other. `--variant faithful` is the twin of `tagbench model summary --json` (twin_network.py);
the others are hand-built ResNets with the same widths:

  stride      the repo's Res_2d blocks, written out (stride-2 conv, bn, ReLU, conv, bn; stride-2 3x3 shortcut, bn;
              add, ReLU)
  pool        the same blocks with stride 1 and a 2x2 max pool after the add (ceil, as 1 x 1 maps stay 1 x 1)
  noshort     no shortcut at all
  short1x1    a 1x1 stride-2 shortcut instead of the 3x3
  plain       one conv, bn, ReLU, 2x2 max pool per block (the short-chunk CNN's block) at these widths
  zerogamma   stride, with the scale of each block's second batch norm starting at 0

`xF` after a variant multiplies the widths by F (`plainx1.75`); `+linear` replaces the dense head (dense, bn,
ReLU, dropout 0.5, dense) by one dense layer and `+nodrop` drops the dropout. The last line printed is the result:
best validation macro ROC-AUC, its epoch, test macro ROC-AUC and per-tag test ROC-AUC. Needs the jar built
(./mvnw -B -q package -DskipTests) for the layer structure; deterministic for a seed with OMP_NUM_THREADS=1."""
import argparse
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from sklearn.metrics import roc_auc_score
from torch import nn

import train_twin
import twin_network

TAGBENCH = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "tagbench"))
BLOCKS = 7


class Block(nn.Module):
    """One residual block of the chosen variant (see the module's help)."""

    def __init__(self, inputs, outputs, mode):
        super().__init__()
        self.mode = mode
        stride = 1 if mode in ("pool", "plain") else 2
        self.conv1, self.bn1 = nn.Conv2d(inputs, outputs, 3, stride, 1), nn.BatchNorm2d(outputs)
        if mode != "plain":
            self.conv2, self.bn2 = nn.Conv2d(outputs, outputs, 3, 1, 1), nn.BatchNorm2d(outputs)
        if mode not in ("plain", "noshort"):
            kernel = 1 if mode == "short1x1" else 3
            self.conv3 = nn.Conv2d(inputs, outputs, kernel, stride, kernel // 2)
            self.bn3 = nn.BatchNorm2d(outputs)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        if self.mode != "plain":
            out = self.bn2(self.conv2(out))
            if self.mode != "noshort":
                out = out + self.bn3(self.conv3(x))
            out = F.relu(out)
        if self.mode in ("pool", "plain"):
            out = F.max_pool2d(out, 2, ceil_mode=True)
        return out


class Variant(nn.Module):
    """Spectrogram bn, seven blocks, max over the map, then the head: widths res1..res7, fc1."""

    def __init__(self, widths, tags, mode, head):
        super().__init__()
        self.head = head
        self.spec_bn = nn.BatchNorm2d(1)
        channels = [1] + list(widths[:BLOCKS])
        self.blocks = nn.ModuleList(Block(channels[k], channels[k + 1], mode) for k in range(BLOCKS))
        if head == "linear":
            self.out = nn.Linear(widths[BLOCKS - 1], tags)
        else:
            self.dense, self.bn = nn.Linear(widths[BLOCKS - 1], widths[BLOCKS]), nn.BatchNorm1d(widths[BLOCKS])
            self.out = nn.Linear(widths[BLOCKS], tags)
        if mode == "zerogamma":
            for block in self.blocks:
                nn.init.zeros_(block.bn2.weight)

    def forward(self, x):
        x = self.spec_bn(x)
        for block in self.blocks:
            x = block(x)
        x = x.amax(dim=(2, 3))
        if self.head == "linear":
            return self.out(x)
        x = F.relu(self.bn(self.dense(x)))
        return self.out(x if self.head == "nodrop" else F.dropout(x, 0.5, self.training))


def network(variant, summary):
    if variant == "faithful":
        return twin_network.network(summary)
    body, _, head = variant.partition("+")
    mode, _, factor = body.partition("x")
    widths = [int(round(w * float(factor or 1))) for w in summary["widths"]]
    return Variant(widths, summary["tags"], mode, head or "full")


def he_init(model):
    """DL4J's convention: He normal weights, zero biases."""
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            nn.init.zeros_(m.bias)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config")
    parser.add_argument("--variant", default="faithful")
    parser.add_argument("--arch", default="shortchunk-res")
    parser.add_argument("--params", default="100k")
    parser.add_argument("--frames", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--lr", type=float, default=0.004)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--init", choices=("torch", "he"), default="torch")
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    config = train_twin.load_config(args.config, [])
    dataset = train_twin.open_dataset(config, args.config, [], TAGBENCH)
    mel = train_twin.LogMel(config)
    audio = train_twin.AudioStore(train_twin.number(config, "features.sample_rate", int))

    def features(split):
        tracks = dataset.split(split)
        return (torch.stack([mel(audio.open(t)[None, :])[0] for t in tracks]),
                torch.tensor([t.labels for t in tracks], dtype=torch.float32))

    (x_train, y_train), (x_valid, y_valid), (x_test, y_test) = (features(s) for s in train_twin.SPLITS)
    frames = x_train.shape[-1]
    summary = train_twin.layer_summary(TAGBENCH, args.arch, train_twin.parameter_budget(args.params),
                                       mel.mel.n_mels, args.frames, len(dataset.tags))
    model = network(args.variant, summary)
    if args.init == "he":
        he_init(model)
    count = sum(p.numel() for p in model.parameters() if p.requires_grad)
    print(f"{args.variant}: widths {summary['widths']}, {count:,} parameters, clip {frames} frames", file=sys.stderr)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss = nn.BCEWithLogitsLoss()

    def evaluate(x, y):
        model.eval()
        with torch.no_grad():
            scores = sum(torch.sigmoid(model(x[..., o:o + args.frames])) for o in (0, frames - args.frames)) / 2
        per_tag = [roc_auc_score(y[:, j], scores[:, j]) for j in range(y.shape[1])]
        return float(np.mean(per_tag)), per_tag

    best, best_state, best_epoch, start = -1.0, None, 0, time.time()
    for epoch in range(1, args.epochs + 1):
        model.train()
        order, losses = rng.permutation(len(x_train)), []
        for i in range(0, len(order), args.batch):
            rows = order[i:i + args.batch]
            offsets = rng.integers(0, frames - args.frames + 1, len(rows))
            batch = torch.stack([x_train[r][..., o:o + args.frames] for r, o in zip(rows, offsets)])
            optimizer.zero_grad()
            value = loss(model(batch), y_train[rows])
            value.backward()
            optimizer.step()
            losses.append(value.item())
        valid, _ = evaluate(x_valid, y_valid)
        if valid > best:
            best, best_state, best_epoch = valid, {k: v.clone() for k, v in model.state_dict().items()}, epoch
        print(f"epoch {epoch}: train loss {np.mean(losses):.4f}  val ROC-AUC {valid:.4f}  {time.time() - start:.0f} s",
              file=sys.stderr)
    model.load_state_dict(best_state)
    test, per_tag = evaluate(x_test, y_test)
    print(f"{args.variant} {mel.mel.n_mels}x{args.frames} {args.params} lr {args.lr} batch {args.batch} seed {args.seed}"
          f": best val {best:.4f} at epoch {best_epoch}, test {test:.4f}; "
          + " ".join(f"{t} {v:.2f}" for t, v in zip(dataset.tags, per_tag)))


if __name__ == "__main__":
    main()
