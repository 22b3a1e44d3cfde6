#!/usr/bin/env bash
# The front-end benchmark of docs/benchmarks.md, in one run on one machine:
#  - decoding + resampling 30 s MP3s to 12 kHz mono: tagbench's decoder and the ffmpeg command line;
#  - log-mel of 29.12 s clips at the paper's settings: tagbench's CPU path (1 thread, all cores), its device
#    paths (libtorch and ND4J, batch 16) and torchaudio (batch 16, all cores).
# Needs Debian's ffmpeg and python3-torchaudio and a built jar (./mvnw -B -q package -DskipTests).
# Run from the project root: bash scripts/bench_frontend.sh   (CLIPS=N changes the number of MP3s, default 32)
set -euo pipefail
clips=${CLIPS:-32}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/bench_mp3s.sh"
bench_mp3s "$clips" "$work"
java -jar target/tagbench.jar bench decode "$work"/*.mp3
start=$(date +%s.%N)
for f in "$work"/*.mp3; do
  ffmpeg -loglevel error -i "$f" -ac 1 -ar 12000 -f f32le - > /dev/null
done
end=$(date +%s.%N)
awk -v n="$clips" -v s="$start" -v e="$end" \
  'BEGIN { printf "%-64s %8.1f clips/s  (%d clips in %.2f s)\n", "ffmpeg CLI, one file at a time", n / (e - s), n, e - s }'
java -jar target/tagbench.jar bench mel --clips 128 --engine pytorch,dl4j
/usr/bin/python3 scripts/bench_torchaudio.py
