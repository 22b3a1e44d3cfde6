package org.tagbench.data.readers;

import org.tagbench.data.Split;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tagbench.config.MsdLayout;
import org.tagbench.config.MsdLeeDataConfig;

/**
 * Reads the filtered Million Song Dataset split of Lee et al. 2017 (see {@link MsdLeeDataConfig}): the pickled id
 * lists {@code filtered_list_train.cP} (train, then valid) and {@code filtered_list_test.cP}, the tags of
 * {@code 50tagList.txt}, labels from a tag-vector pickle or from Choi's label files. Track ids are MSD ids.
 */
public final class MsdLee {
    private static final String TRAIN_LIST = "filtered_list_train.cP";
    private static final String TEST_LIST = "filtered_list_test.cP";
    private static final String TAG_LIST = "50tagList.txt";

    private MsdLee() {
    }

    /** Every track of the split: train, valid, test, each in list order. */
    public static TrackIndex read(MsdLeeDataConfig config) {
        Path trainFile = config.splitDir().resolve(TRAIN_LIST);
        Path testFile = config.splitDir().resolve(TEST_LIST);
        List<String> trainList = PickledSplitFile.strings(trainFile, "MSD track id");
        if (trainList.size() <= config.trainSize()) {
            throw DatasetFiles.problem(trainFile, 0, "has " + trainList.size() + " ids, expected more than"
                    + " train_size = " + config.trainSize() + " (the first train_size are train, the rest valid)");
        }
        Map<Split, List<String>> lists = Map.of(Split.TRAIN, trainList.subList(0, config.trainSize()),
                Split.VALID, trainList.subList(config.trainSize(), trainList.size()),
                Split.TEST, PickledSplitFile.strings(testFile, "MSD track id"));
        Path tagFile = config.splitDir().resolve(TAG_LIST);
        TagVocabulary vocabulary = new TagVocabulary(DatasetFiles.values(tagFile, "a tag"));

        Map<String, MsdChoi.Entry> choi = config.choiDir() == null ? Map.of()
                : MsdChoi.entries(config.choiDir(), config.root(), config.layout()).stream()
                .collect(Collectors.toMap(MsdChoi.Entry::id, Function.identity()));
        MsdChoi.Labels labels;
        if (config.tagVectors() != null) {
            labels = MsdChoi.Labels.fromVectors(config.tagVectors(),
                    PickledSplitFile.tagVectors(config.tagVectors(), vocabulary.size()));
        } else {
            if (!vocabulary.equals(MsdChoi.TAGS)) {
                throw DatasetFiles.problem(tagFile, 0, "does not list Choi's 50 tags in the order of Choi's label"
                        + " files, so the labels cannot come from choi_dir (set tag_vectors)");
            }
            labels = MsdChoi.Labels.fromNpy(config.choiDir(), List.copyOf(choi.values()));
        }

        List<Track> tracks = new ArrayList<>();
        TrackIds seen = new TrackIds();
        for (Split split : Split.values()) {
            Path file = split == Split.TEST ? testFile : trainFile;
            // Valid is the tail of the train list: its items are counted from the list's start.
            int first = split == Split.VALID ? config.trainSize() : 0;
            List<String> ids = lists.get(split);
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                seen.add(id, TrackIds.Place.item(file, first + i + 1), split);
                MsdChoi.Entry entry = choi.get(id);
                if (entry == null && config.choiDir() != null) {
                    throw DatasetFiles.problem(file, 0, "track " + id + " is not in Choi's lists in "
                            + config.choiDir());
                }
                Path audio = config.layout() == MsdLayout.SEVEN_DIGITAL ? entry.audio()
                        : MsdChoi.requireMsdPath(config.root(), file, 0, id);
                MsdChoi.Entry labelled = entry != null ? entry : new MsdChoi.Entry(id, audio, split, -1);
                tracks.add(new Track(id, audio, labels.of(labelled), split));
            }
        }
        return new TrackIndex(vocabulary, tracks);
    }
}
