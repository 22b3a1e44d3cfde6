package org.tagbench.config;

import java.nio.file.Path;

/** One file per split ({@code split_files.train}, {@code .valid}, {@code .test}), each listing that split's items. */
public record SplitFiles(Path train, Path valid, Path test) {

    /** Requires all three files. */
    public SplitFiles {
        Require.present("train", train, "the file listing the train split");
        Require.present("valid", valid, "the file listing the valid split");
        Require.present("test", test, "the file listing the test split");
    }
}
