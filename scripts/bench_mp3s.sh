#!/usr/bin/env bash
# Sourced by the benchmark scripts: writes $1 MP3s of 30 s stereo pink noise at 44.1 kHz, 128 kb/s (like MSD
# previews) into the folder $2, with ffmpeg (Debian's).
bench_mp3s() {
  local clips=$1 folder=$2
  for i in $(seq 1 "$clips"); do
    ffmpeg -loglevel error -f lavfi -i "anoisesrc=d=30:c=pink:r=44100:a=0.2:seed=$i" -ac 2 -c:a libmp3lame -b:a 128k \
      "$folder/clip$i.mp3"
  done
}
