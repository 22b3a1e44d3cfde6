#!/usr/bin/python3
"""torchaudio's log-mel throughput at tagbench's default settings (12 kHz, n_fft 512, hop 256, 96 Slaney mels,
power 2, dB), batches of 16 clips of 29.12 s, on all cores: the reference for docs/benchmarks.md.
Needs Debian's python3-torchaudio. Run by scripts/bench_frontend.sh."""
import os
import time

import torch
import torchaudio

torch.set_num_threads(os.cpu_count())
sr, batch, batches = 12000, 16, 8
mel = torchaudio.transforms.MelSpectrogram(sample_rate=sr, n_fft=512, hop_length=256, n_mels=96, norm="slaney",
                                           mel_scale="slaney", pad_mode="reflect", power=2.0)
to_db = torchaudio.transforms.AmplitudeToDB(stype="power")
clips = torch.randn(batch, int(round(29.12 * sr))) * 0.1
to_db(mel(clips))
start = time.perf_counter()
for _ in range(batches):
    to_db(mel(clips))
seconds = time.perf_counter() - start
print(f"{'torchaudio ' + torchaudio.__version__ + ', batch 16, ' + str(torch.get_num_threads()) + ' threads':40s} "
      f"{batch * batches / seconds:8.1f} clips/s  ({batch * batches} clips in {seconds:.2f} s)")
