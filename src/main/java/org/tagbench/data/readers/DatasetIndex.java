package org.tagbench.data.readers;

import org.tagbench.data.TrackIndex;
import org.tagbench.data.synthetic.SyntheticDataset;
import org.tagbench.data.synthetic.SyntheticSpec;
import java.nio.file.Path;
import org.tagbench.config.ClassFoldersDataConfig;
import org.tagbench.config.CsvDataConfig;
import org.tagbench.config.DataConfig;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.JamendoDataConfig;
import org.tagbench.config.MsdChoiDataConfig;
import org.tagbench.config.MsdLeeDataConfig;
import org.tagbench.config.MtatDataConfig;
import org.tagbench.config.SyntheticDataConfig;
import org.tagbench.files.CacheFolder;

/** Opens the dataset a config names as a {@link TrackIndex}, with the folder it lives in. */
public record DatasetIndex(Path root, TrackIndex index) {

    /**
     * Reads (or, for the synthetic set, generates on first use) the dataset of {@code data}; the root is the audio
     * folder its track paths lie in.
     */
    public static DatasetIndex open(DataConfig data, FeatureConfig features) {
        if (data instanceof SyntheticDataConfig synthetic) {
            Path root = synthetic.root() != null ? synthetic.root() : CacheFolder.root().resolve("synthetic");
            SyntheticSpec spec = new SyntheticSpec(synthetic.clips(), synthetic.clipSeconds(),
                    features.sampleRate(), synthetic.seed(), synthetic.difficulty());
            return new DatasetIndex(root, SyntheticDataset.ensure(root, spec));
        }
        if (data instanceof MsdChoiDataConfig choi) {
            return new DatasetIndex(choi.root(), MsdChoi.read(choi));
        }
        if (data instanceof MsdLeeDataConfig lee) {
            return new DatasetIndex(lee.root(), MsdLee.read(lee));
        }
        if (data instanceof MtatDataConfig mtat) {
            return new DatasetIndex(mtat.root(), MagnaTagATune.read(mtat));
        }
        if (data instanceof JamendoDataConfig jamendo) {
            return new DatasetIndex(jamendo.root(), MtgJamendo.read(jamendo));
        }
        if (data instanceof ClassFoldersDataConfig folders) {
            return new DatasetIndex(folders.root(), ClassFolders.read(folders));
        }
        CsvDataConfig csv = (CsvDataConfig) data;
        return new DatasetIndex(CsvDataset.root(csv), CsvDataset.read(csv));
    }
}
