package org.tagbench.data.readers;

import org.tagbench.data.Split;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tagbench.config.MsdChoiDataConfig;
import org.tagbench.config.MsdLayout;

/**
 * Reads the Million Song Dataset top-50 split of Choi et al. 2017 as distributed: per split the MSD ids
 * ({@code <split>_x_msd_id.txt}), the parallel preview paths ({@code <split>_x_filename.txt}, read for the 7digital
 * layout) and the labels ({@code <split>_y.npy}, unless a tag-vector pickle gives them). Track ids are MSD ids.
 * The parallel {@code <split>_x_7d_id.txt} is not read: each preview path already is {@code d1/d2/<7digital id>}.
 */
public final class MsdChoi {
    /** The 50 tags in the column order of Choi's label files, as the authors publish them. */
    public static final TagVocabulary TAGS = new TagVocabulary(List.of("rock", "pop", "alternative", "indie",
            "electronic", "female vocalists", "dance", "00s", "alternative rock", "jazz", "beautiful", "metal",
            "chillout", "male vocalists", "classic rock", "soul", "indie rock", "Mellow", "electronica", "80s", "folk",
            "90s", "chill", "instrumental", "punk", "oldies", "blues", "hard rock", "ambient", "acoustic",
            "experimental", "female vocalist", "guitar", "Hip-Hop", "70s", "party", "country", "easy listening",
            "sexy", "catchy", "funk", "electro", "heavy metal", "Progressive rock", "60s", "rnb", "indie pop", "sad",
            "House", "happy"));

    private MsdChoi() {
    }

    /** Every track of the split in {@code config.split_dir}: train, valid, test, each in file order. */
    public static TrackIndex read(MsdChoiDataConfig config) {
        List<Entry> entries = entries(config.splitDir(), config.root(), config.layout());
        Labels labels = config.tagVectors() == null ? Labels.fromNpy(config.splitDir(), entries)
                : Labels.fromVectors(config.tagVectors(), PickledSplitFile.tagVectors(config.tagVectors(), TAGS.size()));
        return new TrackIndex(TAGS, entries.stream()
                .map(e -> new Track(e.id(), e.audio(), labels.of(e), e.split())).toList());
    }

    /** One line of Choi's lists: a track, its audio file, its split and its row in that split's files. */
    record Entry(String id, Path audio, Split split, int row) {
    }

    /** The lines of Choi's lists in {@code splitDir}, audio under {@code root} in {@code layout}; ids are unique. */
    static List<Entry> entries(Path splitDir, Path root, MsdLayout layout) {
        List<Entry> entries = new ArrayList<>();
        TrackIds seen = new TrackIds();
        for (Split split : Split.values()) {
            Path idFile = idFile(splitDir, split);
            List<String> ids = DatasetFiles.values(idFile, "an MSD track id");
            List<Path> audio = audio(splitDir, split, root, layout, idFile, ids);
            for (int i = 0; i < ids.size(); i++) {
                seen.add(ids.get(i), TrackIds.Place.line(idFile, i + 1), split);
                entries.add(new Entry(ids.get(i), audio.get(i), split, i));
            }
        }
        return entries;
    }

    /**
     * Where the labels of Choi's tracks come from: a tag-vector pickle, or the split's {@code <split>_y.npy}, each
     * file read on first need (so a missing {@code train_y.npy} is an error only when a train track is asked for).
     */
    @FunctionalInterface
    interface Labels {
        /** The tag vector of {@code entry}. */
        boolean[] of(Entry entry);

        /** Labels from the {@code _y.npy} files in {@code splitDir}, whose lists are {@code entries}. */
        static Labels fromNpy(Path splitDir, List<Entry> entries) {
            Map<Split, Integer> rows = new EnumMap<>(Split.class);
            entries.forEach(e -> rows.merge(e.split(), 1, Integer::sum));
            Map<Split, boolean[][]> matrices = new EnumMap<>(Split.class);
            return entry -> matrices.computeIfAbsent(entry.split(), split -> NpyLabels.read(
                    splitDir.resolve(split.label() + "_y.npy"), rows.get(split), TAGS.size()))[entry.row()];
        }

        /** Labels from {@code vectors}, the tag vectors read from {@code file}. */
        static Labels fromVectors(Path file, Map<String, boolean[]> vectors) {
            return entry -> {
                boolean[] labels = vectors.get(entry.id());
                if (labels == null) {
                    throw DatasetFiles.problem(file, 0, "has no tag vector for track " + entry.id());
                }
                return labels;
            };
        }
    }

    private static Path idFile(Path splitDir, Split split) {
        return splitDir.resolve(split.label() + "_x_msd_id.txt");
    }

    private static List<Path> audio(Path splitDir, Split split, Path root, MsdLayout layout, Path idFile,
                                    List<String> ids) {
        List<Path> audio = new ArrayList<>(ids.size());
        if (layout == MsdLayout.MSD_ID) {
            for (int i = 0; i < ids.size(); i++) {
                audio.add(requireMsdPath(root, idFile, i + 1, ids.get(i)));
            }
            return audio;
        }
        Path nameFile = splitDir.resolve(split.label() + "_x_filename.txt");
        List<String> names = DatasetFiles.values(nameFile, "a preview path d1/d2/<7digital id>.npy");
        DatasetFiles.requireSameLength(nameFile, names.size(), idFile, ids.size(), "lines");
        for (int i = 0; i < names.size(); i++) {
            Path path = MsdAudio.byChoiFilename(root, names.get(i));
            if (path == null) {
                throw DatasetFiles.problem(nameFile, i + 1, "\"" + names.get(i)
                        + "\" is not a preview path (expected d1/d2/<7digital id>.npy)");
            }
            audio.add(path);
        }
        return audio;
    }

    /** The MSD-id layout path of {@code id}, line {@code line} of {@code file}; a malformed id is an error. */
    static Path requireMsdPath(Path root, Path file, long line, String id) {
        Path path = MsdAudio.byMsdId(root, id);
        if (path == null) {
            throw DatasetFiles.problem(file, line, "\"" + id + "\" is not an MSD track id (expected TR and 16"
                    + " more characters)");
        }
        return path;
    }
}
