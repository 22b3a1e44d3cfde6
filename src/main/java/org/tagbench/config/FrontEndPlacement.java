package org.tagbench.config;

/** Where the log-mel front end runs ({@code features.frontend}), or that there is none. */
public enum FrontEndPlacement {
    /** In the data workers, with the CPU FFT; the network eats log-mel spectrograms (fastest without a GPU). */
    CPU,
    /** As the network's first layer, of ND4J ops on the active backend; the network eats raw mono audio. */
    NETWORK,
    /** Nowhere: the network eats raw mono audio as it is (a waveform architecture such as samplecnn). */
    NONE
}
