#!/usr/bin/env python3
"""Trainer parity (issue 14): train the hard parity configs with the PyTorch twin and with tagbench under every
engine and training convention, then print the table docs/benchmarks.md holds.

  /usr/bin/python3 scripts/parity_matrix.py [--logs DIR] [--archs k2c2,crnn] [--seeds 1,2,3]
                                            [--rows twin,pytorch/pytorch,...] [--table-only]

A row is `twin`, ENGINE/CONVENTIONS (engine pytorch or dl4j), or the twin on tagbench's random draws:
`twin/same-order` (batch order and crops), `twin/same-init` (initial weights), `twin/same-draws` (both). Each job's whole output goes to DIR/NAME.log and
a job whose log already ends in a result line is not run again, so an interrupted matrix continues where it
stopped. Jobs run one after another: the machine's cores go to one trainer at a time, so epoch times compare.
Needs the built jar (./mvnw -B -q package -DskipTests) and Debian's python3-torch and python3-torchaudio.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
RESULT = re.compile(r"test ROC-AUC \(macro\): ([0-9.]+)\s+PR-AUC \(macro\): ([0-9.]+)")
EPOCH = re.compile(r"^epoch (\d+): .* ([0-9.]+) s$")
# The twin on tagbench's own random draws (train_twin.py --same-order / --same-init; item 5 of issue 14): a row of
# each kind alone and both together.
TWIN_DRAWS = {"twin/same-order": ["--same-order"], "twin/same-init": ["--same-init"],
              "twin/same-draws": ["--same-order", "--same-init"]}
ALL_ROWS = (["twin"] + [f"{engine}/{conv}" for engine in ("pytorch", "dl4j") for conv in ("pytorch", "keras", "dl4j")]
            + list(TWIN_DRAWS))


def job_name(arch, row, seed):
    return f"{arch}-twin-s{seed}" if row == "twin" else f"{arch}-{row.replace('/', '-')}-s{seed}"


def command(arch, row, seed, logs):
    config = os.path.join("configs", "parity", f"{arch}-hard.yaml")
    if row == "twin" or row in TWIN_DRAWS:
        return ([sys.executable, os.path.join("scripts", "train_twin.py"), config, "--seed", str(seed)]
                + TWIN_DRAWS.get(row, []))
    engine, conventions = row.split("/")
    return ["./tagbench", "run", config, "--set", f"seed={seed}", "--set", f"training.engine={engine}",
            "--set", f"training.conventions={conventions}", "--set", f"name={job_name(arch, row, seed)}",
            "--set", f"results.dir={os.path.join(logs, 'results')}"]


def read_log(path):
    """(roc, pr, epoch seconds, wall seconds) of a finished job's log, or None."""
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = [line.rstrip("\n") for line in f]
    results = [RESULT.search(line) for line in lines]
    results = [r for r in results if r]
    walls = [line for line in lines if line.startswith("wall seconds ")]
    if not results or not walls:
        return None
    epochs = [float(m.group(2)) for m in (EPOCH.match(line) for line in lines) if m]
    return float(results[-1].group(1)), float(results[-1].group(2)), epochs, float(walls[-1].split()[2])


def run_job(arch, row, seed, logs):
    path = os.path.join(logs, job_name(arch, row, seed) + ".log")
    if read_log(path):
        return
    print(f"running {job_name(arch, row, seed)}", flush=True)
    start = time.monotonic()
    with open(path, "w", encoding="utf-8") as log:
        code = subprocess.call(command(arch, row, seed, logs), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        log.write(f"wall seconds {time.monotonic() - start:.0f}\n")
    if code != 0:
        print(f"{path}: exit code {code}", file=sys.stderr)


def mean_sd(values):
    return f"{statistics.mean(values):.4f} ± {statistics.stdev(values):.4f}" if len(values) > 1 else f"{values[0]:.4f}"


def table(archs, rows, seeds, logs):
    """The markdown table: per seed ROC-AUC / PR-AUC, mean ± sd over seeds, the mean difference from the twin over
    the seeds both finished, median epoch time and mean run time."""
    seed_columns = " | ".join(f"seed {s}" for s in seeds)
    out = [f"| arch | trainer (engine / conventions) | {seed_columns} | ROC-AUC, mean ± sd | PR-AUC, mean ± sd"
           " | minus twin (ROC, PR) | epoch s, median | run s, mean |",
           "|" + "---|" * (len(seeds) + 7)]
    for arch in archs:
        twin = {s: read_log(os.path.join(logs, job_name(arch, "twin", s) + ".log")) for s in seeds}
        for row in rows:
            found = {s: read_log(os.path.join(logs, job_name(arch, row, s) + ".log")) for s in seeds}
            cells = [f"{r[0]:.4f} / {r[1]:.4f}" if r else "–" for r in found.values()]
            done = [r for r in found.values() if r]
            if done:
                paired = [s for s in seeds if found[s] and twin[s]]
                versus = ", ".join(f"{statistics.mean(found[s][k] - twin[s][k] for s in paired):+.4f}"
                                   for k in (0, 1)) if paired and row != "twin" else ""
                if versus and len(paired) < len(seeds):
                    versus += f" ({len(paired)} seeds)"
                summary = (f"{mean_sd([r[0] for r in done])} | {mean_sd([r[1] for r in done])} | {versus} | "
                           f"{statistics.median(e for r in done for e in r[2]):.1f} | "
                           f"{statistics.mean(r[3] for r in done):.0f}")
            else:
                summary = " | ".join(["–"] * 5)
            trainer = {"twin": "PyTorch twin (torch defaults)", "twin/same-order": "twin, tagbench's order and crops",
                       "twin/same-init": "twin, tagbench's initial weights",
                       "twin/same-draws": "twin, tagbench's order, crops and initial weights"}.get(
                           row, row.replace("/", " / "))
            out.append(f"| {arch} | {trainer} | " + " | ".join(cells) + f" | {summary} |")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logs", default=os.path.join(ROOT, "results", "parity"))
    parser.add_argument("--archs", default="k2c2,crnn")
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--rows", default=",".join(ALL_ROWS), help=f"of {', '.join(ALL_ROWS)}")
    parser.add_argument("--table-only", action="store_true", help="tabulate the logs there, train nothing")
    args = parser.parse_args()
    archs, seeds, rows = args.archs.split(","), [int(s) for s in args.seeds.split(",")], args.rows.split(",")
    for row in rows:
        if row not in ALL_ROWS:
            parser.error(f"--rows: {row} is not one of {', '.join(ALL_ROWS)}")
    logs = os.path.abspath(args.logs)
    os.makedirs(logs, exist_ok=True)
    if not args.table_only:
        for seed in seeds:
            for arch in archs:
                for row in rows:
                    run_job(arch, row, seed, logs)
    print(table(archs, rows, seeds, logs))


if __name__ == "__main__":
    main()
