#!/usr/bin/env bash
# The input-pipeline benchmark of docs/benchmarks.md: one training epoch over 30 s MP3s (44.1 kHz stereo, like
# MSD previews) decoded every epoch, while the PCM cache is built, and read from the cache; beside the clips/s a
# training step consumes on ENGINE (pytorch, the default, or dl4j), for 3 s crops (the quickstart) and 29.12 s
# crops (the paper's input).
# Needs Debian's ffmpeg and a built jar (./mvnw -B -q package -DskipTests). Run from the project root:
#   bash scripts/bench_pipeline.sh        (CLIPS=N changes the number of MP3s, default 64; ENGINE=dl4j the engine)
set -euo pipefail
clips=${CLIPS:-64}
engine=${ENGINE:-pytorch}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/bench_mp3s.sh"
bench_mp3s "$clips" "$work"
bench=(java -jar target/tagbench.jar bench pipeline "$work"/*.mp3 --params 100k --engine "$engine")
"${bench[@]}" --chunk-seconds 3 --steps 10
"${bench[@]}" --chunk-seconds 29.12 --steps 3
