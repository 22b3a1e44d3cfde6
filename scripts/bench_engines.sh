#!/usr/bin/env bash
# The engine benchmark of docs/benchmarks.md: seconds per training step (batch 16, Adam, BCE) and peak resident
# memory of each architecture at two budgets and two input sizes, on DL4J, on PyTorch through DJL and on a Python
# PyTorch twin (Debian's python3-torch, scripts/bench_twins.py); then allocator settings and intra-op threads.
# Every configuration runs in its own process (a fresh JVM), so each peak RSS is that configuration's alone.
#
# Run from the project root, on an idle machine, after ./mvnw -B -q package -DskipTests:
#   bash scripts/bench_engines.sh [RESULTS.jsonl]
# It appends one JSON line per run to RESULTS (default bench-engines-DATE.jsonl) and prints the markdown tables
# of scripts/bench_engines_table.py at the end. Settings, from the environment:
#   CAP_GB=20      a run whose resident memory passes this is killed and reported as "does not fit" (the machine
#                  has no swap: a run must never take it all)
#   THREADS=2      intra-op threads (OMP_NUM_THREADS, DJL's ai.djl.pytorch.num_threads, the twin's --threads)
#   WARMUP=2  STEPS=5  LONG_STEPS=3 (timed steps at 96 x 1366)
#   SECTIONS="grid allocators threads"  ARCHS (also samplecnn)  BUDGETS  INPUTS  RUNNERS="dl4j pytorch twin"
#   ALLOCATOR_CONFIGS="k2c2:1M:96x1366 crnn:1M:96x1366 k2c2:0.1M:SHORT"  THREAD_CONFIG="k2c2:1M:SHORT"
#   JEMALLOC=path of libjemalloc.so.2 (found where Debian, Fedora and Arch put it)
# A smoke test: SECTIONS=grid ARCHS=k2c2 BUDGETS=0.1M INPUTS=SHORT STEPS=2 WARMUP=1 bash scripts/bench_engines.sh
set -uo pipefail
cd "$(dirname "$0")/.."

# A 3 s chunk at the default features (12 kHz, hop 256, centred frames): 1 + samples / hop frames, as tagbench's
# MelSpectrogram.frames counts them; 96 x 141.
SHORT="96x$((1 + 3 * 12000 / 256))"
results=${1:-bench-engines-$(date -u +%Y%m%d-%H%M%S).jsonl}
cap_kb=$((${CAP_GB:-20} * 1024 * 1024))
threads=${THREADS:-2}
warmup=${WARMUP:-2}
sections=${SECTIONS:-grid allocators threads}
archs=${ARCHS:-k1c2 k2c1 k2c2 crnn}
budgets=${BUDGETS:-0.1M 1M}
inputs=${INPUTS:-SHORT 96x1366}
runners=${RUNNERS:-dl4j pytorch twin}
allocator_configs=${ALLOCATOR_CONFIGS:-k2c2:1M:96x1366 crnn:1M:96x1366 k2c2:0.1M:SHORT}
thread_config=${THREAD_CONFIG:-k2c2:1M:SHORT}
jar=target/tagbench.jar
jemalloc=${JEMALLOC:-}
for lib in /usr/lib/"$(uname -m)"-linux-gnu/libjemalloc.so.2 /usr/lib64/libjemalloc.so.2 /usr/lib/libjemalloc.so.2; do
  [[ -z $jemalloc && -f $lib ]] && jemalloc=$lib
done
[[ -f $jar ]] || { echo "bench_engines.sh: $jar is missing; build it: ./mvnw -B -q package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The environment of an allocator setting, as env(1) arguments; every run starts from none of them set.
setting_env() {
  case $1 in
    thp) echo THP_MEM_ALLOC_ENABLE=1 ;;
    jemalloc-thp) echo LD_PRELOAD="$jemalloc" MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1 THP_MEM_ALLOC_ENABLE=1 ;;
    jemalloc-decay-thp) echo LD_PRELOAD="$jemalloc" THP_MEM_ALLOC_ENABLE=1 ;;
  esac
}

# Runs "$@" with its standard output in $work/out, killing it if its resident memory passes the cap; sets
# status (ok, does not fit, failed), note and peak_kb (the largest RSS seen, for runs that do not finish).
capped() {
  "$@" >"$work/out" 2>"$work/err" &
  local pid=$! rss killed=0
  # Bash reaps a finished background job at once, so the loop ends with it.
  while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/^VmRSS:/{print $2}' "/proc/$pid/status" 2>/dev/null)
    if [[ -n $rss ]] && ((rss > peak_kb)); then peak_kb=$rss; fi
    if [[ -n $rss ]] && ((rss > cap_kb)); then
      kill -KILL "$pid"
      killed=1
      break
    fi
    sleep 0.2
  done
  wait "$pid"
  local code=$?
  status=ok note=""
  if ((killed)); then
    status="does not fit" note="killed at ${CAP_GB:-20} GB resident"
  elif ((code != 0)); then
    if ((code == 137)) || grep -qiE "OutOfMemoryError|bad_alloc|can't allocate|Cannot allocate|Failed to allocate" \
        "$work/err"; then
      status="does not fit" note="out of memory (exit $code): $(grep -m1 -iE "memory|alloc" "$work/err")"
    else
      # The exception's own line, not the end of its stack trace.
      note=$(grep -m1 -E "Exception|Error" "$work/err" || tail -n 1 "$work/err")
      status=failed note="exit $code: $note"
    fi
  fi
}

# One configuration: runner (dl4j, pytorch, twin), arch, budget, input, setting, threads, section; appends a line.
declare -A unfit
run() {
  local runner=$1 arch=$2 budget=$3 input=$4 setting=$5 n=$6 section=$7 steps=${STEPS:-5}
  [[ $input == 96x1366 ]] && steps=${LONG_STEPS:-3}
  # The waveform network eats samples, not a log-mel: 3^9 samples (1.2 s at 16 kHz) for the short input, its
  # paper's 3^10 = 59,049 (3.69 s) for the long one.
  if [[ $arch == samplecnn ]]; then
    [[ $input == SHORT ]] && input=1x19683
    [[ $input == 96x1366 ]] && input=1x59049
  fi
  [[ $input == SHORT ]] && input=$SHORT
  local model=(--arch "$arch" --params "$budget" --input "$input" --tags 50)
  local timing=(--batch 16 --steps "$steps" --warmup "$warmup")
  local opts="-Dai.djl.pytorch.num_threads=$n -Dai.djl.pytorch.num_interop_threads=1"
  # shellcheck disable=SC2046  # setting_env's words are separate env(1) arguments
  local clean=(env -u LD_PRELOAD -u MALLOC_CONF -u THP_MEM_ALLOC_ENABLE OMP_NUM_THREADS="$n" JAVA_OPTS="$opts"
    $(setting_env "$setting"))
  echo "== $section: $runner $arch $budget $input, $setting, $n threads" >&2
  peak_kb=0
  if [[ $setting == jemalloc* && -z $jemalloc ]]; then
    status=failed note="not run: no libjemalloc.so.2 (Debian: apt-get install libjemalloc2)"
  elif [[ $setting != default && -n ${unfit["$runner $arch $budget $input default"]:-} ]]; then
    # A setting that keeps freed memory does not fit where the default allocator already did not.
    status="does not fit" note="not run: does not fit with the default allocator"
  elif [[ $runner == twin ]]; then
    java -jar "$jar" model summary --json "${model[@]}" >"$work/summary.json" || exit 1
    capped "${clean[@]}" /usr/bin/python3 scripts/bench_twins.py --summary "$work/summary.json" \
      --threads "$n" --interop 1 "${timing[@]}"
  else
    # The launcher (./tagbench) is what users run; the other settings start the JVM bare.
    local start=(./tagbench)
    # shellcheck disable=SC2206  # the options are separate words
    [[ $setting == launcher ]] || start=(java $opts -jar "$jar")
    capped "${clean[@]}" "${start[@]}" bench step --engine "$runner" "${model[@]}" "${timing[@]}" --json
  fi
  [[ $status == "does not fit" ]] && unfit["$runner $arch $budget $input $setting"]=1
  /usr/bin/python3 - "$work/out" "$section" "$runner" "$budget" "$setting" "$n" "$status" "$note" "$peak_kb" \
      "$arch" "$input" >>"$results" <<'EOF'
import json, sys
out, section, runner, budget, setting, threads, status, note, peak_kb, arch, size = sys.argv[1:]
row = {"section": section, "runner": runner, "budget": budget, "setting": setting, "threads": int(threads),
       "status": status}
if status == "ok":
    row.update(json.loads(open(out).read().strip().splitlines()[-1]))
else:
    row.update({"arch": arch, "input": [int(v) for v in size.split("x")], "note": note,
                "peak_rss_bytes": int(peak_kb) * 1024})
print(json.dumps(row))
EOF
  tail -n 1 "$results" >&2
}

start=$(date +%s)
for section in $sections; do
  case $section in
    grid)
      for input in $inputs; do for arch in $archs; do for budget in $budgets; do for runner in $runners; do
        setting=launcher; [[ $runner == twin ]] && setting=default
        run "$runner" "$arch" "$budget" "$input" "$setting" "$threads" grid
      done; done; done; done ;;
    allocators)
      for config in $allocator_configs; do
        IFS=: read -r arch budget input <<<"$config"
        for setting in default thp jemalloc-thp jemalloc-decay-thp launcher; do
          run pytorch "$arch" "$budget" "$input" "$setting" "$threads" allocators
        done
        # THP_MEM_ALLOC_ENABLE is libtorch's alone: DL4J and the twin (torch 1.13) get the C library's allocator
        # or jemalloc (the launcher's).
        for setting in default launcher; do
          run dl4j "$arch" "$budget" "$input" "$setting" "$threads" allocators
        done
        for setting in default jemalloc-thp; do
          run twin "$arch" "$budget" "$input" "$setting" "$threads" allocators
        done
      done ;;
    threads)
      IFS=: read -r arch budget input <<<"$thread_config"
      for n in 1 2; do for runner in $runners; do
        setting=launcher; [[ $runner == twin ]] && setting=default
        run "$runner" "$arch" "$budget" "$input" "$setting" "$n" threads
      done; done ;;
    *) echo "bench_engines.sh: unknown section $section (grid, allocators, threads)" >&2; exit 2 ;;
  esac
done
echo "== $(($(date +%s) - start)) s; raw results in $results" >&2
/usr/bin/python3 scripts/bench_engines_table.py "$results"
