package org.tagbench.engine.pytorch;

import ai.djl.engine.Engine;
import ai.djl.pytorch.engine.PtEngine;
import ai.djl.pytorch.jni.JniUtils;
import org.tagbench.config.ConfigException;
import org.tagbench.files.CacheFolder;

/**
 * PyTorch's native library (libtorch) through DJL, loaded once per process from the jars on the class path and
 * never downloaded: DJL is put in offline mode and extracts the natives into tagbench's cache folder. Settings a
 * user gives as system properties or environment variables ({@code DJL_CACHE_DIR}, {@code DJL_OFFLINE},
 * {@code ai.djl.pytorch.num_threads}, {@code ai.djl.pytorch.num_interop_threads}) win over these defaults.
 */
final class Libtorch {
    /** Written into the libtorch jar (pytorch-native-*) and the JNI jar (pytorch-jni) by DJL's build. */
    private static final String NATIVES = "native/lib/pytorch.properties";
    private static final String JNI = "jnilib/pytorch.properties";
    /** DJL's own override: natives from a folder instead of the class path. */
    private static final String LIBRARY_PATH = "PYTORCH_LIBRARY_PATH";

    private static Engine engine;

    private Libtorch() {
    }

    /** DJL's PyTorch engine, loading libtorch on first use; a build without its natives fails with one line. */
    static synchronized Engine engine() {
        if (engine == null) {
            requireNatives();
            defaultProperty("ai.djl.offline", "DJL_OFFLINE", "true");
            defaultProperty("DJL_CACHE_DIR", "DJL_CACHE_DIR", CacheFolder.root().resolve("djl").toString());
            defaultProperty("ai.djl.pytorch.num_threads", null, Integer.toString(intraOpThreads()));
            OneDnnIsa.capUnlessSet();
            engine = Engine.getEngine(PtEngine.ENGINE_NAME);
        }
        return engine;
    }

    /** What computes, e.g. {@code pytorch: libtorch 2.5.1 CPU via DJL 0.32.0, 2 intra-op threads}. */
    static String describe() {
        Engine torch = engine();
        int gpus = torch.getGpuCount();
        String device = gpus > 0 ? "CUDA (" + gpus + " GPU" + (gpus > 1 ? "s" : "") + ")" : "CPU";
        return "pytorch: libtorch " + torch.getVersion() + " " + device + " via DJL " + Engine.getDjlVersion() + ", "
                + JniUtils.getNumThreads() + " intra-op threads";
    }

    /**
     * OMP_NUM_THREADS if set (the knob ND4J reads too), else every processor. On a busy machine fewer threads can
     * be much faster: libtorch's OpenMP threads wait for each other at every operation.
     */
    private static int intraOpThreads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        if (omp != null && omp.matches("[1-9][0-9]*")) {
            return Integer.parseInt(omp);
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static void requireNatives() {
        ClassLoader loader = Libtorch.class.getClassLoader();
        boolean bundled = loader.getResource(NATIVES) != null && loader.getResource(JNI) != null;
        if (!bundled && System.getenv(LIBRARY_PATH) == null && System.getProperty(LIBRARY_PATH) == null) {
            throw new ConfigException("training.engine", "pytorch: this build has no libtorch natives (it was "
                    + "built with -Pdl4j); build both engines with ./mvnw clean package, or this one with "
                    + "./mvnw clean package -Ppytorch");
        }
    }

    /** Sets a system property unless the user set it or its environment variable (which DJL reads first). */
    private static void defaultProperty(String property, String environment, String value) {
        if (System.getProperty(property) == null && (environment == null || System.getenv(environment) == null)) {
            System.setProperty(property, value);
        }
    }
}
