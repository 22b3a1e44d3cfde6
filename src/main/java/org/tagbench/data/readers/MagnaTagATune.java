package org.tagbench.data.readers;

import org.tagbench.config.SyntaxProblem;
import org.tagbench.data.Split;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.tagbench.config.MtatDataConfig;

/**
 * Reads MagnaTagATune: the labels of {@code annotations_final.csv} (tab-separated, quoted: {@code clip_id}, one 0/1
 * column per tag, {@code mp3_path}) and one of three splits (see {@link org.tagbench.config.MtatSplit}). The
 * vocabulary is the configured tag list, or the {@code top_tags} tags with the most positive clips, most first; ties
 * go to the tag whose column comes first, so the choice is the same on every machine. Track ids are clip ids.
 */
public final class MagnaTagATune {
    private static final String CLIP_ID = "clip_id";
    private static final String MP3_PATH = "mp3_path";
    private static final String TRAIN_FOLDERS = "0123456789ab";
    private static final String VALID_FOLDERS = "c";
    private static final String TEST_FOLDERS = "def";
    private static final CsvMapper CSV = new CsvMapper();

    private MagnaTagATune() {
    }

    /** One annotated clip: its id, its audio path relative to the audio folder and its 0/1 tag columns. */
    private record Clip(long line, String id, String path, boolean[] tags) {
    }

    /** The annotation file: its tag columns in file order and its clips in file order. */
    private record Annotations(Path file, List<String> tags, List<Clip> clips) {
    }

    /** Every listed (or, with the folder split, every annotated) clip, in split then list order. */
    public static TrackIndex read(MtatDataConfig config) {
        Annotations annotations = annotations(config.annotations());
        int[] columns = config.tags() != null ? named(annotations, config.tags())
                : topTags(annotations, config.topTags());
        TagVocabulary vocabulary = new TagVocabulary(Arrays.stream(columns).mapToObj(annotations.tags()::get)
                .toList());
        Map<Split, List<Clip>> splits = switch (config.split()) {
            case FOLDERS -> byFolder(annotations);
            case CLEANED -> listed(config, annotations, MagnaTagATune::cleanedList, Clip::path);
            case CLIP_IDS -> listed(config, annotations,
                    file -> DatasetFiles.values(file, "a clip id"), Clip::id);
        };
        List<Track> tracks = new ArrayList<>();
        TrackIds ids = new TrackIds();
        for (Split split : Split.values()) {
            for (Clip clip : splits.get(split)) {
                ids.add(clip.id(), TrackIds.Place.line(annotations.file(), clip.line()), split);
                boolean[] labels = new boolean[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    labels[i] = clip.tags()[columns[i]];
                }
                tracks.add(new Track(clip.id(), config.root().resolve(clip.path()), labels, split));
            }
        }
        return new TrackIndex(vocabulary, tracks);
    }

    private static Annotations annotations(Path file) {
        DatasetFiles.requireFile(file, "the MagnaTagATune annotations");
        CsvSchema tabs = CsvSchema.emptySchema().withColumnSeparator('\t');
        List<Clip> clips = new ArrayList<>();
        List<String> header;
        try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES).with(tabs).readValues(file.toFile())) {
            if (!rows.hasNextValue()) {
                throw DatasetFiles.problem(file, 0, "is empty (expected a header clip_id, tags..., mp3_path)");
            }
            header = List.of(rows.nextValue());
            if (header.size() < 3 || !header.get(0).equals(CLIP_ID)
                    || !header.get(header.size() - 1).equals(MP3_PATH)) {
                throw DatasetFiles.problem(file, 1, "the header must be clip_id, the tag columns, mp3_path"
                        + " (separated by tabs)");
            }
            while (rows.hasNextValue()) {
                long line = rows.getParser().currentLocation().getLineNr();
                clips.add(clip(file, line, header.size(), rows.nextValue()));
            }
        } catch (JacksonException e) {
            throw DatasetFiles.problem(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not a valid tab-separated annotation file: " + SyntaxProblem.reason(e));
        } catch (IOException e) {
            throw DatasetFiles.unreadable(file, "the MagnaTagATune annotations", e);
        }
        return new Annotations(file, header.subList(1, header.size() - 1), clips);
    }

    private static Clip clip(Path file, long line, int width, String[] values) {
        if (values.length != width) {
            throw DatasetFiles.problem(file, line, "has " + values.length + " fields, expected " + width
                    + " as in the header");
        }
        boolean[] tags = new boolean[width - 2];
        for (int i = 0; i < tags.length; i++) {
            String value = values[i + 1].trim();
            if (!value.equals("0") && !value.equals("1")) {
                throw DatasetFiles.problem(file, line, "tag column " + (i + 2) + " holds \"" + value
                        + "\", expected 0 or 1");
            }
            tags[i] = value.equals("1");
        }
        String id = values[0].trim();
        String path = values[width - 1].trim();
        if (id.isEmpty() || path.isEmpty()) {
            throw DatasetFiles.problem(file, line, "empty " + (id.isEmpty() ? CLIP_ID : MP3_PATH));
        }
        return new Clip(line, id, path, tags);
    }

    private static int[] named(Annotations annotations, List<String> tags) {
        return tags.stream().mapToInt(tag -> {
            int column = annotations.tags().indexOf(tag);
            if (column < 0) {
                throw DatasetFiles.problem(annotations.file(), 1, "has no tag column \"" + tag
                        + "\" (named in data.tags)");
            }
            return column;
        }).toArray();
    }

    /** The columns of the {@code count} most frequent tags (all when there are fewer), most first, ties by column. */
    private static int[] topTags(Annotations annotations, int count) {
        long[] positives = new long[annotations.tags().size()];
        for (Clip clip : annotations.clips()) {
            for (int i = 0; i < positives.length; i++) {
                positives[i] += clip.tags()[i] ? 1 : 0;
            }
        }
        return IntStream.range(0, positives.length).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> -positives[i]).thenComparingInt(i -> i))
                .limit(count).mapToInt(Integer::intValue).toArray();
    }

    private static Map<Split, List<Clip>> byFolder(Annotations annotations) {
        Map<Split, List<Clip>> splits = new HashMap<>();
        for (Split split : Split.values()) {
            splits.put(split, new ArrayList<>());
        }
        for (Clip clip : annotations.clips()) {
            int slash = clip.path().indexOf('/');
            String folder = slash < 0 ? "" : clip.path().substring(0, slash);
            Split split = folder.length() != 1 ? null : TRAIN_FOLDERS.contains(folder) ? Split.TRAIN
                    : VALID_FOLDERS.contains(folder) ? Split.VALID : TEST_FOLDERS.contains(folder) ? Split.TEST : null;
            if (split == null) {
                throw DatasetFiles.problem(annotations.file(), clip.line(), "mp3_path " + clip.path()
                        + " is not in a folder 0-9 or a-f, so the folder split cannot place it");
            }
            splits.get(split).add(clip);
        }
        return splits;
    }

    /** A cleaned-split list: {@code <folder>/<name>.npy} paths, which name the clips' {@code .mp3} files. */
    private static List<String> cleanedList(Path file) {
        return PickledSplitFile.strings(file, "clip path").stream()
                .map(path -> path.endsWith(".npy") ? path.substring(0, path.length() - 4) + ".mp3" : path).toList();
    }

    private static Map<Split, List<Clip>> listed(MtatDataConfig config, Annotations annotations,
                                                 Function<Path, List<String>> reader, Function<Clip, String> key) {
        Map<String, Clip> byKey = annotations.clips().stream()
                .collect(Collectors.toMap(key, Function.identity(), (a, b) -> {
                    throw DatasetFiles.problem(annotations.file(), b.line(), "repeats " + key.apply(b)
                            + " of line " + a.line());
                }));
        Map<String, TrackIds.Place> seen = new HashMap<>();
        Map<Split, List<Clip>> splits = new HashMap<>();
        for (Split split : Split.values()) {
            Path file = DatasetFiles.splitFile(config.splitFiles(), split);
            List<String> items = reader.apply(file);
            List<Clip> clips = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                Clip clip = byKey.get(items.get(i));
                if (clip == null) {
                    throw DatasetFiles.problem(file, 0, "item " + (i + 1) + ", " + items.get(i) + ", is not a clip of "
                            + annotations.file());
                }
                TrackIds.Place place = TrackIds.Place.item(file, i + 1);
                TrackIds.Place earlier = seen.putIfAbsent(items.get(i), place);
                if (earlier != null) {
                    throw DatasetFiles.problem(file, 0, "item " + (i + 1) + ", " + items.get(i)
                            + ", is already listed at " + earlier.from(place));
                }
                clips.add(clip);
            }
            splits.put(split, clips);
        }
        return splits;
    }
}
