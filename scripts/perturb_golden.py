#!/usr/bin/python3
"""Golden files for the waveform perturbation tests (audio.perturb.*Test), made by independent tools.

Run from the project root with Debian's Python, sox 14.4 and ffmpeg (libmp3lame):

    /usr/bin/python3 scripts/perturb_golden.py

It writes into src/test/resources/perturb/ (12 kHz mono 16-bit WAV, the paper's sample rate):
- tone.wav: 2 s of 0.25 sin(2 pi 440 t), written by NumPy;
- mix.wav: 3 s of a 220 Hz tone with 19 overtones (amplitude 1/k, to 4.4 kHz), swelling at 3 Hz, plus a linear
  chirp from 100 Hz to 5.5 kHz, scaled to a peak of 0.5, written by NumPy;
- mix-gain-6.wav, mix-gain+12.wav: `sox -D mix.wav out.wav gain -6` and `gain 12` (no dither; +12 dB clips,
  which sox does at full scale);
- tone-pitch+100.wav, tone-pitch-200.wav: `sox -D tone.wav out.wav pitch 100` and `pitch -200` (cents);
- tone-tempo1.25.wav, tone-tempo0.8.wav: `sox -D tone.wav out.wav tempo 1.25` and `tempo 0.8`;
- mix-mp3-32k.wav, mix-mp3-64k.wav: `ffmpeg -i mix.wav -c:a libmp3lame -b:a 32k out.mp3`, decoded by
  `ffmpeg -i out.mp3 out.wav` (FFmpeg drops the encoder delay the LAME tag names);
- perturb-golden.json: the dominant frequency of each sox output, measured in float64 NumPy (the maximum of the
  Hann-windowed DTFT magnitude of the middle second: the peak of the 8 times zero-padded FFT, refined on a
  0.001 Hz grid within 0.2 Hz), and the sample counts of the tempo outputs.
"""
import json
import os
import subprocess
import tempfile

import numpy as np
from scipy.io import wavfile

SR = 12000
OUT = "src/test/resources/perturb"


def write(name, x):
    wavfile.write(os.path.join(OUT, name), SR, np.round(np.clip(x, -1, 1 - 1 / 32768) * 32768).astype(np.int16))


def read(name):
    rate, data = wavfile.read(os.path.join(OUT, name))
    assert rate == SR and data.dtype == np.int16, (name, rate, data.dtype)
    return data.astype(np.float64) / 32768


def sox(src, dst, *effect):
    subprocess.run(["sox", "-D", os.path.join(OUT, src), os.path.join(OUT, dst), *effect], check=True)


def dominant_frequency(x):
    """Frequency (Hz) of the largest peak of the Hann-windowed DTFT of the middle second of x."""
    mid = len(x) // 2
    seg = x[mid - SR // 2: mid + SR // 2]
    w = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(len(seg)) / len(seg))
    coarse = np.abs(np.fft.rfft(seg * w, 8 * len(seg)))
    f0 = np.argmax(coarse) * SR / (8 * len(seg))
    grid = np.linspace(f0 - 0.2, f0 + 0.2, 401)
    n = np.arange(len(seg))
    mags = [abs(np.sum(seg * w * np.exp(-2j * np.pi * f * n / SR))) for f in grid]
    return float(grid[int(np.argmax(mags))])


def main():
    os.makedirs(OUT, exist_ok=True)
    t = np.arange(2 * SR) / SR
    write("tone.wav", 0.25 * np.sin(2 * np.pi * 440 * t))
    t = np.arange(3 * SR) / SR
    harmonics = sum(np.sin(2 * np.pi * 220 * k * t) / k for k in range(1, 21))
    swell = 0.6 + 0.4 * np.sin(2 * np.pi * 3 * t)
    chirp = np.sin(2 * np.pi * (100 * t + (5400 / (2 * 3)) * t * t))
    mix = swell * harmonics / 3 + 0.3 * chirp
    write("mix.wav", 0.5 * mix / np.max(np.abs(mix)))

    sox("mix.wav", "mix-gain-6.wav", "gain", "-6")
    sox("mix.wav", "mix-gain+12.wav", "gain", "12")
    golden = {"pitch": {}, "tempo": {}}
    for cents in (100, -200):
        name = "tone-pitch%+d.wav" % cents
        sox("tone.wav", name, "pitch", str(cents))
        golden["pitch"][name] = {"cents": cents, "dominant_hz": dominant_frequency(read(name))}
    for rate in ("1.25", "0.8"):
        name = "tone-tempo%s.wav" % rate
        sox("tone.wav", name, "tempo", rate)
        y = read(name)
        golden["tempo"][name] = {"rate": float(rate), "samples": len(y), "dominant_hz": dominant_frequency(y)}
    golden["tone_dominant_hz"] = dominant_frequency(read("tone.wav"))
    with tempfile.TemporaryDirectory() as tmp:
        for kbps in (32, 64):
            mp3 = os.path.join(tmp, "mix.mp3")
            ff = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y"]
            subprocess.run(ff + ["-i", os.path.join(OUT, "mix.wav"), "-c:a", "libmp3lame", "-b:a", "%dk" % kbps, mp3],
                           check=True)
            subprocess.run(ff + ["-i", mp3, "-c:a", "pcm_s16le", os.path.join(OUT, "mix-mp3-%dk.wav" % kbps)],
                           check=True)
    with open(os.path.join(OUT, "perturb-golden.json"), "w") as f:
        json.dump(golden, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
