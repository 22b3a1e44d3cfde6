package org.tagbench.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MagnaTagATune ({@code dataset: mtat}): labels from {@code annotations} ({@code annotations_final.csv}), audio in
 * {@code root} (the folder its {@code mp3_path} column is relative to), split by {@code split} (default
 * {@code folders}; {@code cleaned} and {@code clip_ids} read {@code split_files}). The vocabulary is {@code tags}
 * when given (in its order; {@code top_tags} is then not used), else the {@code top_tags} most frequent tags
 * (default 50; all when the file has fewer). Tag names are the annotation file's column names, e.g. {@code no vocals}.
 */
public record MtatDataConfig(String dataset, Path root, double chunkSeconds, Path annotations, MtatSplit split,
                             SplitFiles splitFiles, int topTags, List<String> tags) implements DataConfig {
    /** The {@code dataset} name that selects this reader. */
    public static final String DATASET = "mtat";

    /** Requires the audio folder, the annotations and split files exactly when the split needs them. */
    public MtatDataConfig {
        Require.dataset(dataset, DATASET);
        Require.positive("chunk_seconds", chunkSeconds);
        Require.present("root", root, "the folder that the annotations' mp3_path is relative to");
        Require.present("annotations", annotations, "the path of annotations_final.csv");
        Require.present("split", split, "folders, cleaned or clip_ids");
        Require.positive("top_tags", topTags);
        if (split == MtatSplit.FOLDERS && splitFiles != null) {
            throw new ConfigException("split_files", "is read only with split: cleaned or clip_ids");
        }
        if (split != MtatSplit.FOLDERS && splitFiles == null) {
            throw new ConfigException("split_files", "missing required key (split "
                    + split.name().toLowerCase(Locale.ROOT) + " reads one file per split)");
        }
        if (tags != null) {
            if (tags.isEmpty()) {
                throw new ConfigException("tags", "is empty (expected tag names, or no key for the top_tags)");
            }
            Set<String> distinct = new HashSet<>();
            for (String tag : tags) {
                if (!distinct.add(tag)) {
                    throw new ConfigException("tags", Require.quoted(tag) + " is listed twice");
                }
            }
            tags = List.copyOf(tags);
        }
    }
}
