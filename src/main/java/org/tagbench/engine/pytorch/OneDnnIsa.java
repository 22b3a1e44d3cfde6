package org.tagbench.engine.pytorch;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Caps the instruction set of libtorch's oneDNN (3.5.3 in libtorch 2.5.1) at SSE4.1 unless the user set
 * {@code ONEDNN_MAX_CPU_ISA}. On an AMD EPYC with AVX-512 (2 cores, 2026-12-02) its AVX2 and AVX-512 JIT convolution
 * kernels gave NaN losses within a few steps and run-to-run differences of 1e-5, while its SSE4.1 kernels gave the
 * same numbers in every run (docs/benchmarks.md, "oneDNN"). oneDNN reads the variable from the C environment at its
 * first primitive, so it is set there (through JNA, which DJL already brings) before libtorch computes anything.
 */
final class OneDnnIsa {
    static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";
    static final String CAP = "SSE41";

    private OneDnnIsa() {
    }

    /** The C library's setenv, the only way to change the environment native code reads. */
    private interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /** Sets the cap in the process's C environment, keeping a value the user gave. */
    static void capUnlessSet() {
        if (System.getenv(VARIABLE) == null) {
            Native.load("c", CLibrary.class).setenv(VARIABLE, CAP, 0);
        }
    }
}
