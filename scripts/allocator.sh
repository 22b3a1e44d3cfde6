# Sourced by ./tagbench and scripts/test-jvm/bin/java: the memory-allocator settings docs/benchmarks.md measured as fastest
# without needing more memory. They change speed only, never a number. TAGBENCH_PLAIN_MALLOC=1 keeps the C library's
# allocator.

# libtorch (the pytorch engine) then asks the kernel for huge pages for large tensors: far fewer page faults.
export THP_MEM_ALLOC_ENABLE="${THP_MEM_ALLOC_ENABLE:-1}"
# jemalloc reuses freed memory instead of handing it back to the kernel and faulting it in again at every step.
if [[ -z ${TAGBENCH_PLAIN_MALLOC:-} ]]; then
    for lib in /usr/lib/"$(uname -m)"-linux-gnu/libjemalloc.so.2 /usr/lib64/libjemalloc.so.2 /usr/lib/libjemalloc.so.2; do
        if [[ -f $lib ]]; then
            export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}"
            # Decay off: freed pages stay with the process for the next step (1.4-1.6x faster for libtorch at
            # 96 x 1366, peak memory up by a third; docs/benchmarks.md).
            export MALLOC_CONF="${MALLOC_CONF:-dirty_decay_ms:-1,muzzy_decay_ms:-1}"
            break
        fi
    done
fi
