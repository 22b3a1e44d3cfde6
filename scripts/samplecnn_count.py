#!/usr/bin/python3
"""The trainable-parameter count and output length of the sota-music-tagging-models repo's SampleCNN (Lee et al.
2017) at its paper widths, rebuilt here in plain PyTorch from the repo's description (Conv_1d: Conv1d with padding
kernel // 2, BatchNorm1d, ReLU, MaxPool1d), for model.SampleCnnTest's reference numbers. Rerun:

    /usr/bin/python3 scripts/samplecnn_count.py      # prints: 1869874 [1, 512, 1]
"""
import torch
from torch import nn


def block(inputs, out, kernel, stride, pool):
    return nn.Sequential(nn.Conv1d(inputs, out, kernel, stride=stride, padding=kernel // 2), nn.BatchNorm1d(out),
                         nn.ReLU(), nn.MaxPool1d(pool))


widths = [128, 128, 128, 256, 256, 256, 256, 256, 256, 512, 512]
layers = [block(1, 128, 3, 3, 1)] + [block(widths[i - 1], widths[i], 3, 1, 3) for i in range(1, 10)] \
    + [block(512, 512, 1, 1, 1)]
features = nn.Sequential(*layers)
model = nn.Sequential(features, nn.Flatten(), nn.Dropout(0.5), nn.Linear(512, 50))
with torch.no_grad():
    shape = list(features.eval()(torch.zeros(1, 1, 59049)).shape)
print(sum(p.numel() for p in model.parameters() if p.requires_grad), shape)
