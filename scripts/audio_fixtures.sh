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

# Alignment fixtures: a linear chirp, 0.5*sin(2*PI*(200*t + 237.5*t^2)) (200 Hz rising by 475 Hz a second), whose
# instantaneous frequency names the position in the file, so a decode that keeps encoder delay or padding shows
# as a lag. Mono and low bit rates keep them small: six seconds of the lossy formats at 44.1 kHz, three of FLAC at
# 22.05 kHz (a second resampling ratio). The AAC one is stereo (the same chirp twice), for a planar stereo decode.
c='0.5*sin(2*PI*(200*t+237.5*t*t))'
chirp() { echo "aevalsrc=$c:s=$1:d=$2"; }
fc() { ffmpeg -hide_banner -loglevel error -y -f lavfi -i "$(chirp "$1" "$2")" "${@:3}"; }
fc 44100 6 -c:a libmp3lame -b:a 48k "$out/chirp.mp3"
fc 44100 6 -c:a libvorbis -q:a 0 "$out/chirp.ogg"
ffmpeg -hide_banner -loglevel error -y -f lavfi -i "aevalsrc=$c|$c:s=44100:d=6" -c:a aac -b:a 48k "$out/chirp.m4a"
fc 22050 3 -c:a flac -compression_level 12 "$out/chirp.flac"
# Opus at its only rate, 48 kHz: two seconds.
fc 48000 2 -c:a libopus -b:a 24k "$out/chirp.opus"
