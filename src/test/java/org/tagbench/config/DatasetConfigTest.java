package org.tagbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The data section of each dataset reader: its defaults and the one-line error of each bad value. */
class DatasetConfigTest extends ConfigFolderTest {
    private static final Path ROOT = Path.of("/data/audio");
    private static final Path SPLITS = Path.of("/data/splits");

    @Test
    void eachReaderGetsItsDefaults() {
        assertEquals(new MsdChoiDataConfig("msd-choi", ROOT, 3, SPLITS, MsdLayout.SEVEN_DIGITAL, null),
                data("{dataset: msd-choi, root: /data/audio, split_dir: /data/splits}"));
        assertEquals(new MsdLeeDataConfig("msd-lee", ROOT, 3, SPLITS, Path.of("/data/choi"), null,
                        MsdLayout.SEVEN_DIGITAL, 201_680),
                data("{dataset: msd-lee, root: /data/audio, split_dir: /data/splits, choi_dir: /data/choi}"));
        assertEquals(new MtatDataConfig("mtat", ROOT, 3, Path.of("/data/a.csv"), MtatSplit.FOLDERS, null, 50, null),
                data("{dataset: mtat, root: /data/audio, annotations: /data/a.csv}"));
        assertEquals(new JamendoDataConfig("jamendo", ROOT, 3, SPLITS),
                data("{dataset: jamendo, root: /data/audio, split_dir: /data/splits}"));
        assertEquals(new CsvDataConfig("csv", null, 3, Path.of("t.csv"), null), data("{dataset: csv, table: t.csv}"));
    }

    @Test
    void everyKeyOfEachReaderIsRead() {
        assertEquals(new MsdChoiDataConfig("msd-choi", ROOT, 2, SPLITS, MsdLayout.MSD_ID, Path.of("v.cP")),
                data("{dataset: msd-choi, root: /data/audio, split_dir: /data/splits, layout: msd_id,"
                        + " tag_vectors: v.cP, chunk_seconds: 2}"));
        assertEquals(new MsdLeeDataConfig("msd-lee", ROOT, 3, SPLITS, null, Path.of("v.cP"), MsdLayout.MSD_ID, 100),
                data("{dataset: msd-lee, root: /data/audio, split_dir: /data/splits, tag_vectors: v.cP,"
                        + " layout: msd_id, train_size: 100}"));
        assertEquals(new MtatDataConfig("mtat", ROOT, 3, Path.of("a.csv"), MtatSplit.CLEANED,
                        new SplitFiles(Path.of("tr.cP"), Path.of("va.cP"), Path.of("te.cP")), 10, List.of("x", "y")),
                data("{dataset: mtat, root: /data/audio, annotations: a.csv, split: cleaned, top_tags: 10,"
                        + " tags: [x, y], split_files: {train: tr.cP, valid: va.cP, test: te.cP}}"));
        assertEquals(new CsvDataConfig("csv", ROOT, 3, Path.of("t.tsv"),
                        new SplitFiles(Path.of("tr.txt"), Path.of("va.txt"), Path.of("te.txt"))),
                data("{dataset: csv, root: /data/audio, table: t.tsv,"
                        + " split_files: {train: tr.txt, valid: va.txt, test: te.txt}}"));
    }

    static Stream<Arguments> badValues() {
        String choi = "{dataset: msd-choi, root: /a, split_dir: /s}";
        String lee = "{dataset: msd-lee, root: /a, split_dir: /s, choi_dir: /c}";
        String mtat = "{dataset: mtat, root: /a, annotations: /a.csv}";
        String cleaned = "{dataset: mtat, root: /a, annotations: /a.csv, split: cleaned,"
                + " split_files: {train: a, valid: b, test: c}}";
        return Stream.of(
                Arguments.of(choi, "data.split_dir=null",
                        "data.split_dir: missing required key (the folder of Choi's split files)"),
                Arguments.of(choi, "data.root=null", "data.root: missing required key (the folder of the audio files)"),
                Arguments.of(choi, "data.layout=flat", "data.layout: \"flat\" is not one of seven_digital, msd_id"),
                Arguments.of(choi, "data.clips=3", "data.clips: unknown key (known: chunk_seconds, dataset, layout,"
                        + " root, split_dir, tag_vectors)"),
                Arguments.of(choi, "data.chunk_seconds=0", "data.chunk_seconds: must be > 0, got 0.0"),
                Arguments.of(lee, "data.choi_dir=null", "data.tag_vectors: missing required key (the labels come"
                        + " from tag_vectors or, when it is absent, from choi_dir)"),
                Arguments.of(lee, "data={dataset: msd-lee, root: /a, split_dir: /s, tag_vectors: /v.cP}",
                        "data.choi_dir: missing required key (layout seven_digital finds each track's 7digital"
                                + " file through Choi's lists; or set layout: msd_id)"),
                Arguments.of(lee, "data.train_size=0", "data.train_size: must be > 0, got 0"),
                Arguments.of(mtat, "data.annotations=null",
                        "data.annotations: missing required key (the path of annotations_final.csv)"),
                Arguments.of(mtat, "data.split=cleaned",
                        "data.split_files: missing required key (split cleaned reads one file per split)"),
                Arguments.of(mtat, "data.split=random", "data.split: \"random\" is not one of folders, cleaned,"
                        + " clip_ids"),
                Arguments.of(mtat, "data.top_tags=0", "data.top_tags: must be > 0, got 0"),
                Arguments.of(mtat, "data.tags=[]",
                        "data.tags: is empty (expected tag names, or no key for the top_tags)"),
                Arguments.of(mtat, "data.tags=[a, b, a]", "data.tags: \"a\" is listed twice"),
                Arguments.of(cleaned, "data.split=folders",
                        "data.split_files: is read only with split: cleaned or clip_ids"),
                Arguments.of(cleaned, "data.split_files.test=null",
                        "data.split_files.test: missing required key (the file listing the test split)"),
                Arguments.of("{dataset: jamendo, root: /a}", "data.chunk_seconds=1",
                        "data.split_dir: missing required key (the folder of the autotagging_top50tags-*.tsv files)"),
                Arguments.of("{dataset: csv}", "data.chunk_seconds=1",
                        "data.table: missing required key (the path of the tag table)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badValues")
    void badValueGivesItsError(String data, String override, String expected) {
        dir.write("run.yaml", "data: " + data + "\nmodel: {arch: k2c2}\n");
        assertEquals("config error: " + expected, ConfigDir.messageOf(() -> dir.load("run.yaml", override)));
    }

    private DataConfig data(String data) {
        dir.write("run.yaml", "data: " + data + "\nmodel: {arch: k2c2}\n");
        return dir.load("run.yaml").data();
    }
}
