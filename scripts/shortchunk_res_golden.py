#!/usr/bin/python3
"""Golden counts for the short-chunk ResNet: the network of Won et al. 2020 (sota-music-tagging-models,
ShortChunkCNN_Res with Res_2d blocks) built here in plain PyTorch from its description, independently of tagbench's
spec and of scripts/twin_network.py, for several inputs and widths; prints, per case, the trainable-parameter count,
the FLOPs of its convolutions and dense layers (2 per multiply-add, as tagbench counts) and the map each residual
block leaves.

    /usr/bin/python3 scripts/shortchunk_res_golden.py > src/test/resources/model/shortchunk_res_golden.json

Read by model.ShortChunkResTest.
"""
import json

import torch
from torch import nn


class Res2d(nn.Module):
    """conv 3x3 stride 2 - bn - relu - conv 3x3 - bn, plus a conv 3x3 stride 2 - bn shortcut, then relu."""

    def __init__(self, inputs, out):
        super().__init__()
        self.conv_1 = nn.Conv2d(inputs, out, 3, stride=2, padding=1)
        self.bn_1 = nn.BatchNorm2d(out)
        self.conv_2 = nn.Conv2d(out, out, 3, padding=1)
        self.bn_2 = nn.BatchNorm2d(out)
        self.conv_3 = nn.Conv2d(inputs, out, 3, stride=2, padding=1)
        self.bn_3 = nn.BatchNorm2d(out)

    def forward(self, x):
        out = self.bn_2(self.conv_2(torch.relu(self.bn_1(self.conv_1(x)))))
        return torch.relu(self.bn_3(self.conv_3(x)) + out)


class ShortChunkRes(nn.Module):
    def __init__(self, widths, tags):
        super().__init__()
        self.spec_bn = nn.BatchNorm2d(1)
        channels = [1] + widths[:7]
        self.blocks = nn.ModuleList(Res2d(channels[i], channels[i + 1]) for i in range(7))
        self.dense1 = nn.Linear(widths[6], widths[7])
        self.bn = nn.BatchNorm1d(widths[7])
        self.dense2 = nn.Linear(widths[7], tags)

    def forward(self, x):
        x = self.spec_bn(x)
        self.maps = []
        for block in self.blocks:
            x = block(x)
            self.maps.append(list(x.shape[1:]))
        x = x.amax(dim=3).flatten(1)
        x = torch.relu(self.bn(self.dense1(x)))
        return self.dense2(x)


def flops(model, mels, frames):
    total = []

    def conv(module, inputs, output):
        k = module.kernel_size[0] * module.kernel_size[1]
        total.append(2 * k * module.in_channels * output.numel() // output.shape[0])

    def dense(module, inputs, output):
        total.append(2 * module.in_features * module.out_features)

    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            m.register_forward_hook(conv)
        elif isinstance(m, nn.Linear):
            m.register_forward_hook(dense)
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, 1, mels, frames))
    return sum(total)


CASES = [
    # The repo's n_channels = 128 on 3.69 s at 16 kHz (hop 256: 231 frames), 128 mels, 50 tags.
    {"mels": 128, "frames": 231, "tags": 50, "widths": [128, 128, 256, 256, 256, 256, 512, 512]},
    {"mels": 128, "frames": 63, "tags": 10, "widths": [16, 16, 32, 32, 32, 32, 64, 64]},
    {"mels": 40, "frames": 30, "tags": 5, "widths": [3, 3, 4, 4, 4, 4, 6, 6]},
    {"mels": 96, "frames": 1366, "tags": 50, "widths": [20, 21, 40, 41, 42, 43, 80, 81]},
]

if __name__ == "__main__":
    out = []
    for case in CASES:
        model = ShortChunkRes(case["widths"], case["tags"])
        params = sum(p.numel() for p in model.parameters() if p.requires_grad)
        f = flops(model, case["mels"], case["frames"])
        out.append(dict(case, params=params, flops=f, maps=model.maps))
    print(json.dumps(out, indent=1))
