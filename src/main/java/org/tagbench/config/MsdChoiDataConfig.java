package org.tagbench.config;

import java.nio.file.Path;

/**
 * The Million Song Dataset top-50 split of Choi et al. 2017, as its authors distribute it ({@code dataset: msd-choi}).
 * {@code split_dir} holds {@code {train,valid,test}_x_msd_id.txt}, {@code _x_7d_id.txt}, {@code _x_filename.txt}
 * and the labels {@code {train,valid,test}_y.npy}; {@code root} is the audio folder, laid out by {@code layout}
 * (default {@code seven_digital}, or {@code msd_id}). With {@code tag_vectors} (a pickled dict from MSD id to the
 * 50-tag vector, Lee's {@code msd_id_to_tag_vector.cP}) the labels come from it and no {@code _y.npy} is read.
 */
public record MsdChoiDataConfig(String dataset, Path root, double chunkSeconds, Path splitDir, MsdLayout layout,
                                Path tagVectors) implements DataConfig {
    /** The {@code dataset} name that selects this reader. */
    public static final String DATASET = "msd-choi";

    /** Requires the audio and split folders. */
    public MsdChoiDataConfig {
        Require.dataset(dataset, DATASET);
        Require.positive("chunk_seconds", chunkSeconds);
        Require.present("root", root, "the folder of the audio files");
        Require.present("split_dir", splitDir, "the folder of Choi's split files");
        Require.present("layout", layout, "seven_digital or msd_id");
    }
}
