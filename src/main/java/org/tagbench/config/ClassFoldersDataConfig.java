package org.tagbench.config;

import java.nio.file.Path;

/**
 * A folder per class ({@code dataset: folders}), as IRMAS's and GTZAN's audio is laid out: {@code root/<class>/<file>},
 * the classes the sub-folders' names in alphabetical order, every file of a class folder one track of that class
 * (for {@code task: multiclass}); the split from {@code split_files}, each listing {@code <class>/<file>} paths, one a
 * line (a file no split lists is left out).
 */
public record ClassFoldersDataConfig(String dataset, Path root, double chunkSeconds, SplitFiles splitFiles)
        implements DataConfig {
    /** The {@code dataset} name that selects this reader. */
    public static final String DATASET = "folders";

    /** Requires the root and the split files. */
    public ClassFoldersDataConfig {
        Require.dataset(dataset, DATASET);
        Require.positive("chunk_seconds", chunkSeconds);
        Require.present("root", root, "the folder holding one folder per class");
        Require.present("split_files", splitFiles, "the files listing each split's <class>/<file> paths");
    }
}
