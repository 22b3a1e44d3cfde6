package org.tagbench.config;

import java.nio.file.Path;

/**
 * MTG-Jamendo, autotagging top-50 tags ({@code dataset: jamendo}): {@code split_dir} holds one split's
 * {@code autotagging_top50tags-{train,validation,test}.tsv} (e.g. {@code data/splits/split-0}); {@code root} is the
 * audio folder that their PATH column is relative to.
 */
public record JamendoDataConfig(String dataset, Path root, double chunkSeconds, Path splitDir)
        implements DataConfig {
    /** The {@code dataset} name that selects this reader. */
    public static final String DATASET = "jamendo";

    /** Requires the audio and split folders. */
    public JamendoDataConfig {
        Require.dataset(dataset, DATASET);
        Require.positive("chunk_seconds", chunkSeconds);
        Require.present("root", root, "the folder of the audio files");
        Require.present("split_dir", splitDir, "the folder of the autotagging_top50tags-*.tsv files");
    }
}
