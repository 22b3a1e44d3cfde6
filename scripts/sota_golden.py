#!/usr/bin/python3
"""Golden facts of networks of the sota-music-tagging-models repo (Won et al. 2020, training/model.py): FCN (Choi
2016), ShortChunkCNN and Musicnn (Pons et al. 2018, at both of the repo's sizes: MagnaTagATune's and the Million Song
Dataset's), built here in plain PyTorch as the repo's classes are, each at its repo widths, input and 50 tags: the
trainable count, the feature map each 2D convolution block leaves (channels, bands, frames; musicnn's timbral
filters before the repo squeezes their one band) and the trainable arrays' shapes in order. The repo's front end
(torchaudio's MelSpectrogram) is left out: the networks start at the log-mel, as tagbench's do. Frames are
torchaudio's centred count 1 + samples // hop for the repo's input lengths: 29 s x 16 kHz for FCN, 59,049 samples for
the short chunk, 3 s x 16 kHz for musicnn. scripts/musicnn_golden.py imports Musicnn from here.

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


class Musicnn(nn.Module):
    """The repo's Musicnn: timbral filters (Conv_V: a conv as high as a fraction of the bands, 7 frames wide, no
    padding in frequency, bn, ReLU, max over the bands left), temporal filters (Conv_H: the mean over the bands, a
    Conv1d, bn, ReLU), a mid end of three Conv_1d (Conv1d of 7 padded 3, bn, ReLU), the last two residual, and a back
    end on the max and mean over time of everything concatenated. The repo's heights are int(0.7 * 96) and
    int(0.4 * 96) whatever the mel count; tagbench takes the fractions of the mels it is given, the same at 96."""

    def __init__(self, mels, widths, tags, heights=(0.7, 0.4), temporal=(129, 65, 33)):
        super().__init__()
        timbral, temporal_width, mid, dense = widths[0], widths[2], widths[5], widths[6]
        self.spec_bn = nn.BatchNorm2d(1)
        self.timbral = nn.ModuleList()
        for fraction in heights:
            height = max(1, int(fraction * mels))
            self.timbral.append(nn.Sequential(nn.Conv2d(1, timbral, (height, 7), padding=(0, 3)),
                                              nn.BatchNorm2d(timbral), nn.ReLU()))
        self.temporal = nn.ModuleList(nn.Sequential(nn.Conv1d(1, temporal_width, k, padding=k // 2),
                                                    nn.BatchNorm1d(temporal_width), nn.ReLU()) for k in temporal)
        front = len(heights) * timbral + len(temporal) * temporal_width
        self.mid = nn.ModuleList(nn.Sequential(nn.Conv1d(c, mid, 7, padding=3), nn.BatchNorm1d(mid), nn.ReLU())
                                 for c in (front, mid, mid))
        self.dense1 = nn.Linear(2 * (front + 3 * mid), dense)
        self.bn = nn.BatchNorm1d(dense)
        self.dense2 = nn.Linear(dense, tags)

    def forward(self, x, maps, steps=None):
        """Tag logits for log-mels x [rows, 1, mels, frames]; maps gets each timbral filter's map, steps (a dict, if
        given) the front end, mid end, pooled and dense outputs."""
        x = self.spec_bn(x)
        branches = []
        for conv in self.timbral:
            y = conv(x)
            y = nn.functional.max_pool2d(y, (y.shape[2], 1))
            maps.append(list(y.shape[1:]))
            branches.append(y.squeeze(2))
        mean = x.mean(dim=2)
        branches += [conv(mean) for conv in self.temporal]
        front = torch.cat(branches, 1)
        res1 = self.mid[0](front)
        res2 = self.mid[1](res1) + res1
        res3 = self.mid[2](res2) + res2
        out = torch.cat([front, res1, res2, res3], 1)
        pooled = torch.cat([out.amax(dim=2), out.mean(dim=2)], 1)
        dense = torch.relu(self.bn(self.dense1(pooled)))
        if steps is not None:
            steps.update(front=front, mid=out, pooled=pooled, dense=dense)
        return self.dense2(dense)


MUSICNN_MTAT = [204, 204, 51, 51, 51, 64, 200]
MUSICNN_MSD = [204, 204, 51, 51, 51, 512, 500]


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
              facts("shortchunk", ShortChunkCnn(), 128, 59049, [128, 128, 256, 256, 256, 256, 512, 512]),
              facts("musicnn", Musicnn(96, MUSICNN_MTAT, TAGS), 96, 3 * 16000, MUSICNN_MTAT),
              facts("musicnn", Musicnn(96, MUSICNN_MSD, TAGS), 96, 3 * 16000, MUSICNN_MSD)]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "model",
                        "sota-golden.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
