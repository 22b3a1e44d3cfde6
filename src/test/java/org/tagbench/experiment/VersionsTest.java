package org.tagbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OrtEnvironment;
import org.junit.jupiter.api.Test;

/** The versions a run records name the libraries that actually run: ONNX Runtime's as its native library says. */
class VersionsTest {
    @Test
    void onnxRuntimesVersionIsTheLoadedLibrarys() {
        assertEquals(OrtEnvironment.getEnvironment().getVersion(), Versions.dependencies().get("onnxruntime"));
    }
}
