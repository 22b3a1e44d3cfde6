package org.tagbench.engine.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Platform;
import ai.djl.util.Utils;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tagbench.files.CacheFolder;

/**
 * libtorch loads without the network: DJL is in offline mode (where it would fail rather than download) and the
 * natives it loaded are the ones bundled in the pytorch-native jar, extracted into tagbench's cache folder.
 */
class LibtorchTest {

    @Test
    void libtorchLoadsOfflineFromTheBundledJarIntoTagbenchsCache() {
        Engine engine = Libtorch.engine();
        assertTrue(Utils.isOfflineMode(), "DJL offline mode");
        String ownCache = System.getenv("DJL_CACHE_DIR");
        Path cache = ownCache != null ? Path.of(ownCache) : CacheFolder.root().resolve("djl");
        assertEquals(cache, Utils.getCacheDir());

        Platform bundled = Platform.detectPlatform("pytorch");
        assertFalse(bundled.isPlaceholder(), "a pytorch-native jar with libtorch is on the class path");
        Path loaded = Path.of(LibUtils.getLibtorchPath());
        assertEquals(Utils.getEngineCacheDir("pytorch").resolve(bundled.getVersion() + "-" + bundled.getFlavor() + "-"
                + bundled.getClassifier()).toAbsolutePath(), loaded);
        assertTrue(bundled.getVersion().startsWith(engine.getVersion()), bundled.getVersion());
    }

    @Test
    void backendNamesLibtorchDjlAndTheIntraOpThreads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        int threads = omp != null && omp.matches("[1-9][0-9]*") ? Integer.parseInt(omp)
                : Runtime.getRuntime().availableProcessors();
        String backend = new PyTorchEngine().backend();
        assertEquals(threads, JniUtils.getNumThreads());
        assertEquals("pytorch: libtorch " + Libtorch.engine().getVersion() + " CPU via DJL " + Engine.getDjlVersion()
                + ", " + threads + " intra-op threads", backend);
    }
}
