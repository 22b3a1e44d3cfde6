#!/usr/bin/python3
"""Golden facts of the two plain-stack networks of the sota-music-tagging-models repo (Won et al. 2020,
training/model.py): FCN (Choi 2016) and ShortChunkCNN, built here in plain PyTorch as the repo's classes are, each
at its repo widths, input and 50 tags: the trainable count, the feature map each convolution block leaves
(channels, bands, frames) and the trainable arrays' shapes in order. The repo's front end (torchaudio's
MelSpectrogram) is left out: the networks start at the log-mel, as tagbench's do. Frames are torchaudio's centred
count 1 + samples // hop for the repo's input lengths: 29 s x 16 kHz for FCN, 59,049 samples for the short chunk.

Writes src/test/resources/model/sota-golden.json (read by model/SotaArchitecturesTest). Rerun from the project root:
  /usr/bin/python3 scripts/sota_golden.py"""
import json
import os

import torch
from torch import nn

HOP = 256
TAGS = 50


class Conv2dBlock(nn.Module):
    """The repo's Conv_2d: 3x3 convolution padded 1, batch norm, ReLU, max pool."""

    def __init__(self, inputs, out, pool):
        super().__init__()
        self.conv = nn.Conv2d(inputs, out, 3, padding=1)
        self.bn = nn.BatchNorm2d(out)
        self.pool = nn.MaxPool2d(pool)

    def forward(self, x):
        return self.pool(torch.relu(self.bn(self.conv(x))))


class Fcn(nn.Module):
    def __init__(self):
        super().__init__()
        self.spec_bn = nn.BatchNorm2d(1)
        widths = [64, 128, 128, 128, 64]
        pools = [(2, 4), (2, 4), (2, 4), (3, 5), (4, 4)]
        self.blocks = nn.ModuleList(Conv2dBlock(i, o, p) for i, o, p in zip([1] + widths, widths, pools))
        self.dense = nn.Linear(64, TAGS)

    def forward(self, x, maps):
        x = self.spec_bn(x)
        for block in self.blocks:
            x = block(x)
            maps.append(list(x.shape[1:]))
        return self.dense(x.flatten(1))


class ShortChunkCnn(nn.Module):
    def __init__(self, n=128):
        super().__init__()
        self.spec_bn = nn.BatchNorm2d(1)
        widths = [n, n, 2 * n, 2 * n, 2 * n, 2 * n, 4 * n]
        self.blocks = nn.ModuleList(Conv2dBlock(i, o, 2) for i, o in zip([1] + widths, widths))
        self.dense1 = nn.Linear(4 * n, 4 * n)
        self.bn = nn.BatchNorm1d(4 * n)
        self.dense2 = nn.Linear(4 * n, TAGS)

    def forward(self, x, maps):
        x = self.spec_bn(x)
        for block in self.blocks:
            x = block(x)
            maps.append(list(x.shape[1:]))
        x = x.squeeze(2)
        x = nn.functional.max_pool1d(x, x.size(-1)).squeeze(2)
        return self.dense2(torch.relu(self.bn(self.dense1(x))))


def facts(arch, model, mels, samples, widths):
    frames = 1 + samples // HOP
    maps = []
    model.eval()
    out = model(torch.zeros(1, 1, mels, frames), maps)
    assert list(out.shape) == [1, TAGS]
    return {"arch": arch, "input": [mels, frames], "tags": TAGS, "widths": widths,
            "params": sum(p.numel() for p in model.parameters() if p.requires_grad),
            "block_outputs": maps,
            "arrays": [list(p.shape) for p in model.parameters() if p.requires_grad]}


def main():
    golden = [facts("fcn", Fcn(), 96, 29 * 16000, [64, 128, 128, 128, 64]),
              facts("shortchunk", ShortChunkCnn(), 128, 59049, [128, 128, 256, 256, 256, 256, 512, 512])]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "model",
                        "sota-golden.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
