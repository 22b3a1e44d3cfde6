package org.tagbench.config;

import java.nio.file.Path;

/**
 * The filtered Million Song Dataset split of Lee et al. 2017 (clips with at least 29.1 s of audio;
 * {@code dataset: msd-lee}). {@code split_dir} holds the pickled id lists {@code filtered_list_train.cP} and
 * {@code filtered_list_test.cP} and {@code 50tagList.txt}. As in the authors' own code (and the code of later papers
 * that use the split), the first {@code train_size} ids of the train list (default 201,680) are the train split and
 * the rest (11,774) the valid split. Labels come from {@code tag_vectors} (the pickled dict
 * {@code msd_id_to_tag_vector.cP}) when it is set, else from Choi's label files in {@code choi_dir}. The
 * {@code seven_digital} layout needs {@code choi_dir}, whose parallel id lists map MSD ids to 7digital files.
 */
public record MsdLeeDataConfig(String dataset, Path root, double chunkSeconds, Path splitDir, Path choiDir,
                               Path tagVectors, MsdLayout layout, int trainSize) implements DataConfig {
    /** The {@code dataset} name that selects this reader. */
    public static final String DATASET = "msd-lee";

    /** Requires the folders, a source of labels and, for the 7digital layout, Choi's lists. */
    public MsdLeeDataConfig {
        Require.dataset(dataset, DATASET);
        Require.positive("chunk_seconds", chunkSeconds);
        Require.present("root", root, "the folder of the audio files");
        Require.present("split_dir", splitDir, "the folder of Lee's filtered lists");
        Require.present("layout", layout, "seven_digital or msd_id");
        Require.positive("train_size", trainSize);
        if (tagVectors == null && choiDir == null) {
            throw new ConfigException("tag_vectors", "missing required key (the labels come from tag_vectors or,"
                    + " when it is absent, from choi_dir)");
        }
        if (layout == MsdLayout.SEVEN_DIGITAL && choiDir == null) {
            throw new ConfigException("choi_dir", "missing required key (layout seven_digital finds each"
                    + " track's 7digital file through Choi's lists; or set layout: msd_id)");
        }
    }
}
