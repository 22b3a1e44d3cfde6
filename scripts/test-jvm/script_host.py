#!/usr/bin/python3
"""Runs the scripts of scripts/ that the Java tests call (train_twin.py, bundle_to_torch.py) in one Python process,
one after another, so that a test JVM imports torch once instead of once per script (2-4 s each, over twenty times a
suite). Started by src/test/java/org/tagbench/TwinScript.java.

Its first answer says whether the scripts' packages import: {"ready": true}, or {"ready": false, "why": ...}. Then
each request is a JSON line on standard input, {"script": path, "args": [...]}, and each answer a JSON line,
{"code": exit code, "out": what the script printed, "err": what it printed on stderr}. A script runs as
`python3 script args...` runs it: as __main__, with sys.argv and sys.path[0] its own, torch's default generator at
a new process's seed, and torch's thread count and default dtype as a new process has them."""
import contextlib
import io
import json
import os
import runpy
import sys
import traceback


def main():
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    # What a script's libraries write on file descriptor 1 goes to stderr, not into the answers.
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    try:
        import torch
        import torchaudio  # noqa: F401 (the scripts' packages, imported once here)
        import numpy  # noqa: F401
        import sklearn  # noqa: F401
        import yaml  # noqa: F401
    except ImportError as e:
        answer(answers, {"ready": False, "why": str(e)})
        return
    fresh = (torch.initial_seed(), torch.get_num_threads(), torch.get_default_dtype())
    answer(answers, {"ready": True})
    for line in sys.stdin:
        request = json.loads(line)
        answer(answers, run(request["script"], request["args"], torch, fresh))


def run(script, args, torch, fresh):
    seed, threads, dtype = fresh
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.set_default_dtype(dtype)
    argv, path = sys.argv, list(sys.path)
    sys.argv = [script] + list(args)
    sys.path[0] = os.path.dirname(os.path.abspath(script))
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            runpy.run_path(script, run_name="__main__")
        except SystemExit as e:
            if e.code is None or isinstance(e.code, int):
                code = e.code or 0
            else:
                print(e.code, file=sys.stderr)
                code = 1
        except BaseException:  # as the interpreter would: the traceback on stderr, exit code 1
            traceback.print_exc()
            code = 1
    sys.argv = argv
    sys.path[:] = path
    return {"code": code, "out": out.getvalue(), "err": err.getvalue()}


def answer(answers, message):
    answers.write(json.dumps(message) + "\n")
    answers.flush()


if __name__ == "__main__":
    main()
