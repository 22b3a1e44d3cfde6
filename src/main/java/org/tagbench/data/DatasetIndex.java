package org.tagbench.data;

import java.nio.file.Path;
import org.tagbench.config.DataConfig;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.SyntheticDataConfig;
import org.tagbench.files.CacheFolder;

/** Opens the dataset a config names as a {@link TrackIndex}, with the folder it lives in. */
public record DatasetIndex(Path root, TrackIndex index) {

    /** Reads (or, for the synthetic set, generates on first use) the dataset of {@code data}. */
    public static DatasetIndex open(DataConfig data, FeatureConfig features) {
        if (data instanceof SyntheticDataConfig synthetic) {
            Path root = synthetic.root() != null ? synthetic.root() : CacheFolder.root().resolve("synthetic");
            SyntheticSpec spec = new SyntheticSpec(synthetic.clips(), synthetic.clipSeconds(),
                    features.sampleRate(), synthetic.seed());
            return new DatasetIndex(root, SyntheticDataset.ensure(root, spec));
        }
        throw new IllegalArgumentException("no reader for dataset " + data.dataset());
    }
}
