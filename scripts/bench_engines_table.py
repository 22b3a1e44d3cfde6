#!/usr/bin/python3
"""Markdown tables for docs/benchmarks.md from the JSON lines scripts/bench_engines.sh writes:
  /usr/bin/python3 scripts/bench_engines_table.py RESULTS.jsonl
Step is the median seconds of the timed training steps, peak the process's peak resident memory in GB (1e9
bytes); a ratio compares DL4J or DJL with the Python twin of the same network (below 1 is faster or leaner)."""
import json
import sys

RUNNERS = {"dl4j": "DL4J", "pytorch": "DJL", "torch-twin": "twin"}


def runner(row):
    return "torch-twin" if row["runner"] == "twin" else row["runner"]


def config(row):
    return row["arch"], row["budget"], "x".join(map(str, row["input"]))


def step(row):
    if row is None:
        return "–"
    return f"{row['median_s']:.2f}" if row["status"] == "ok" else row["status"]


def peak(row):
    if row is None or row["status"] == "failed":
        return "–"
    gb = row["peak_rss_bytes"] / 1e9
    return f"{gb:.2f}" if row["status"] == "ok" else f"> {gb:.0f}" if gb else "–"


def ratio(row, twin):
    if row is None or twin is None or row["status"] != "ok" or twin["status"] != "ok":
        return "–"
    return (f"{row['median_s'] / twin['median_s']:.2f} / "
            f"{row['peak_rss_bytes'] / twin['peak_rss_bytes']:.2f}")


def params(rows):
    counts = {r["params"] for r in rows if r["status"] == "ok"}
    return " / ".join(f"{c:,}" for c in sorted(counts)) or "–"


def grid(rows):
    cells = {}
    for r in rows:
        cells.setdefault(config(r), {})[runner(r)] = r
    print("| arch | budget | input | params | DL4J step s | DL4J peak GB | DJL step s | DJL peak GB | twin step s "
          "| twin peak GB | DL4J/twin (time / memory) | DJL/twin (time / memory) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for key, by in cells.items():
        d, p, t = by.get("dl4j"), by.get("pytorch"), by.get("torch-twin")
        print(f"| {' | '.join(key)} | {params(by.values())} | {step(d)} | {peak(d)} | {step(p)} | {peak(p)} | "
              f"{step(t)} | {peak(t)} | {ratio(d, t)} | {ratio(p, t)} |")


def settings(rows, what):
    print(f"| engine | arch | budget | input | {what} | step s | peak GB | note |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        value = r["setting"] if what == "setting" else str(r["threads"])
        print(f"| {RUNNERS[runner(r)]} | {' | '.join(config(r))} | {value} | {step(r)} | {peak(r)} | "
              f"{r.get('note', '')} |")


def main():
    rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    for section, title in (("grid", "Engines side by side"), ("allocators", "Allocator settings"),
                           ("threads", "Intra-op threads")):
        chosen = [r for r in rows if r["section"] == section]
        if chosen:
            print(f"\n### {title}\n")
            if section == "grid":
                grid(chosen)
            else:
                settings(chosen, "setting" if section == "allocators" else "threads")


if __name__ == "__main__":
    main()
