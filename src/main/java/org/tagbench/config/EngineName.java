package org.tagbench.config;

import java.util.Locale;

/** The engine that trains and runs the network ({@code training.engine}); both build the same model spec. */
public enum EngineName {
    /** DeepLearning4J with ND4J's native CPU (or CUDA 11.6) backend. */
    DL4J,
    /** PyTorch's libtorch through DJL. */
    PYTORCH;

    /** The name as a config writes it. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
