package org.tagbench.data.readers;

import org.tagbench.data.Split;
import org.tagbench.data.TrackIndex;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tagbench.config.CsvDataConfig;
import org.tagbench.config.SplitFiles;

/** Reads any folder of audio described by a tag table (see {@link TagTable} and {@link CsvDataConfig}). */
public final class CsvDataset {
    private CsvDataset() {
    }

    /** The audio folder: {@code root}, or the table's folder when it is not set. */
    public static Path root(CsvDataConfig config) {
        return config.root() != null ? config.root() : config.table().toAbsolutePath().getParent();
    }

    /** The tracks of the table, split by its split column or by the split files. */
    public static TrackIndex read(CsvDataConfig config) {
        Map<String, Split> splits = config.splitFiles() == null ? null : splits(config.splitFiles());
        return TagTable.read(config.table(), root(config), splits);
    }

    /** Each path listed in the split files, one a line, with the split of its file; a path listed twice is an error. */
    static Map<String, Split> splits(SplitFiles files) {
        Map<String, Split> splits = new HashMap<>();
        Map<String, TrackIds.Place> listedAt = new HashMap<>();
        for (Split split : Split.values()) {
            Path file = DatasetFiles.splitFile(files, split);
            List<String> paths = DatasetFiles.values(file, "an audio path relative to the audio folder");
            for (int i = 0; i < paths.size(); i++) {
                TrackIds.Place place = TrackIds.Place.line(file, i + 1);
                TrackIds.Place earlier = listedAt.putIfAbsent(paths.get(i), place);
                if (earlier != null) {
                    throw DatasetFiles.problem(file, i + 1, "path " + paths.get(i) + " is already listed at "
                            + earlier.from(place));
                }
                splits.put(paths.get(i), split);
            }
        }
        return splits;
    }
}
