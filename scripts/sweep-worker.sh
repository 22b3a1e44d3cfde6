#!/usr/bin/env bash
# One sweep worker: what each task of a Slurm job array or each pod of a Kubernetes Indexed Job runs
# (docs/cluster.md). It runs `tagbench sweep EXPERIMENT --worker` against the shared results store.
#
# Usage: scripts/sweep-worker.sh EXPERIMENT [more tagbench sweep options]
# Environment:
#   TAGBENCH_RESULTS_URL  required: the shared store, jdbc:postgresql://HOST:PORT/DATABASE?user=NAME (the password
#                         in ~/.pgpass or the file PGPASSFILE names, never in the URL)
#   TAGBENCH_RESULTS_DIR  optional: where run folders go; on a file system every worker sees, a cell taken over from
#                         a dead worker resumes from its checkpoint instead of starting again
#   TAGBENCH              optional: the tagbench command (default: the launcher in this repository)
set -euo pipefail
experiment="${1:?usage: sweep-worker.sh EXPERIMENT [tagbench sweep options]}"
shift
url="${TAGBENCH_RESULTS_URL:?set TAGBENCH_RESULTS_URL to the shared store (jdbc:postgresql://HOST:PORT/DATABASE?user=NAME)}"
task="${SLURM_ARRAY_TASK_ID:-${JOB_COMPLETION_INDEX:-0}}"
echo "sweep worker $task on $(hostname) (pid $$): $experiment" >&2
args=(sweep "$experiment" --worker --set "results.url=$url")
if [[ -n ${TAGBENCH_RESULTS_DIR:-} ]]; then
    args+=(--set "results.dir=$TAGBENCH_RESULTS_DIR")
fi
if [[ -n ${TAGBENCH:-} ]]; then
    # shellcheck disable=SC2086  # TAGBENCH may be a command with its options (java -cp ... org.tagbench.cli.TagbenchCommand)
    exec $TAGBENCH "${args[@]}" "$@"
fi
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tagbench" "${args[@]}" "$@"
