package org.tagbench.config;

import java.nio.file.Path;

/**
 * Any folder of audio with a tag table ({@code dataset: csv}): {@code table} is a CSV (or, named {@code *.tsv}, a
 * tab-separated) file with a {@code path} column relative to {@code root}, the tags either as one {@code tags}
 * column of {@code ;}-separated names or as one 0/1 column per tag, and the split either as a {@code split} column
 * or as {@code split_files} listing paths, one per line. {@code root} defaults to the table's folder.
 */
public record CsvDataConfig(String dataset, Path root, double chunkSeconds, Path table, SplitFiles splitFiles)
        implements DataConfig {
    /** The {@code dataset} name that selects this reader. */
    public static final String DATASET = "csv";

    /** Requires the table. */
    public CsvDataConfig {
        Require.dataset(dataset, DATASET);
        Require.positive("chunk_seconds", chunkSeconds);
        Require.present("table", table, "the path of the tag table");
    }
}
