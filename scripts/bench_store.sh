#!/usr/bin/env bash
# Measures the results store (docs/benchmarks.md, "Results store"). Run from the project root after
# ./mvnw -B -q package -DskipTests; prints the machine's load average first and last (the figures are only comparable
# on an otherwise idle machine):
#   1. the store's share of a quickstart run: the seconds the training thread spent on the store against the run's
#      wall time. The store opens (a new store's schema included) on a thread of its own while the engine loads, so
#      the training thread's part is the wait for it ("results store ...: opened in X s on its own thread; waited
#      Y s for it") and its writes ("results store ...: run N, K writes, Z s"), both debug lines of `tagbench -v run`;
#   2. `tagbench runs` over 10,000 stored runs: the two quickstart runs and 9,998 copies of the first (with its config
#      keys, epochs, per-tag metrics and artifacts) by Debian's Python, then the listing timed;
#   3. keeping one run's 50-tag x 28,000-track test scores: `tagbench bench store` writes the score files with their
#      SHA-256 and registers them in the store in the transaction that ends a run.
set -euo pipefail
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
url="jdbc:sqlite:$work/tagbench.db"
echo "load average before: $(cat /proc/loadavg)"

# The first run creates the store (its schema, by Flyway); the second records into it as runs usually do.
for run in "new store" "existing store"; do
    start=$(date +%s.%N)
    ./tagbench -v run configs/quickstart.yaml --set results.dir="$work/results" --set results.url="$url" \
        >"$work/run.out" 2>"$work/run.err"
    end=$(date +%s.%N)
    opened=$(grep -o 'opened in [0-9.]* s on its own thread; waited [0-9.]* s' "$work/run.err" | tail -1)
    line=$(grep -o 'run [0-9]*, [0-9]* writes, [0-9.]* s' "$work/run.err" | tail -1)
    store_s=$(echo "$(echo "$opened" | grep -o 'waited [0-9.]*' | sed 's/waited //') + $(echo "$line" \
        | grep -o '[0-9.]* s$' | tr -d ' s')" | bc -l)
    wall_s=$(echo "$end - $start" | bc -l)
    printf 'quickstart, %s: wall %.1f s, store %.3f s on the training thread (store %s; %s), share %.3f%%\n' \
        "$run" "$wall_s" "$store_s" "$opened" "$line" "$(echo "100 * $store_s / $wall_s" | bc -l)"
done

/usr/bin/python3 - "$work/tagbench.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
cols = [r[1] for r in db.execute("PRAGMA table_info(runs)") if r[1] not in ("id", "uid")]
for n in range(9_998):
    cur = db.execute(f"INSERT INTO runs (uid, {', '.join(cols)}) SELECT 'copy-{n}', {', '.join(cols)} FROM runs"
                     " WHERE id = 1")
    new = cur.lastrowid
    for table in ("run_params", "epochs", "tag_metrics", "artifacts"):
        tcols = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] != "run_id"]
        db.execute(f"INSERT INTO {table} (run_id, {', '.join(tcols)}) SELECT ?, {', '.join(tcols)} FROM {table}"
                   " WHERE run_id = 1", (new,))
db.commit()
print("runs stored:", db.execute("SELECT COUNT(*) FROM runs").fetchone()[0])
PY
for i in 1 2 3; do
    /usr/bin/time -f "tagbench --version (starting the JVM alone): %e s wall" ./tagbench --version >/dev/null
    /usr/bin/time -f "runs over 10,000 stored runs: %e s wall, %M kB" ./tagbench runs --url "$url" >/dev/null
done
/usr/bin/time -f "runs --where over 10,000: %e s wall" ./tagbench runs --url "$url" \
    --where model.params=100000 --where arch=k2c2 >/dev/null
/usr/bin/time -f "runs show of one of 10,000: %e s wall" ./tagbench runs show 5000 --url "$url" >/dev/null

./tagbench bench store configs/quickstart.yaml --tracks 28000 --tags 50 --repeats 3
echo "load average after: $(cat /proc/loadavg)"
