#!/usr/bin/env bash
# Writes the decoder's test fixtures: half a second of a 440 Hz sine (amplitude 0.5) in stereo at 44.1 kHz, in each
# format the decoder must read. Needs Debian's ffmpeg. Run from the project root: bash scripts/audio_fixtures.sh
set -euo pipefail
out=src/test/resources/audio
mkdir -p "$out"
src=(-f lavfi -i "aevalsrc=0.5*sin(2*PI*440*t)|0.5*sin(2*PI*440*t):s=44100:d=0.5")
ff() { ffmpeg -hide_banner -loglevel error -y "${src[@]}" "$@"; }
ff -c:a libmp3lame -b:a 128k "$out/sine440.mp3"
ff -c:a libvorbis -q:a 4 "$out/sine440.ogg"
ff -c:a flac "$out/sine440.flac"
ff -c:a aac -b:a 128k "$out/sine440.m4a"
ff -c:a pcm_u8 "$out/sine440-u8.wav"
ff -c:a pcm_s24le "$out/sine440-s24.wav"
ff -c:a pcm_s32le "$out/sine440-s32.wav"
ff -c:a pcm_f32le "$out/sine440-f32.wav"
