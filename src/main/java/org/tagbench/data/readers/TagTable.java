package org.tagbench.data.readers;

import org.tagbench.config.SyntaxProblem;
import org.tagbench.data.Split;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.tagbench.files.AtomicFile;

/**
 * A tag table: a CSV file (or, named {@code *.tsv}, a tab-separated file) with a header and one row per audio file.
 * Column {@code path} is relative to the audio folder (by default the table's folder; {@code /} between folders).
 * The tags are either one column {@code tags} listing the file's tags separated by {@code ;} (empty for none; other
 * columns are then ignored) or, without that column, every column but {@code path} and {@code split}, one tag each,
 * holding 0 or 1, or a soft label between them (a training target; the tag counts as present from 0.5 on). The split is column {@code split} ({@code train}, {@code valid} or {@code test}) unless the caller
 * gives each path's split. A track's id is its path without the extension. A table that cannot be read is a
 * {@link DatasetException} naming the file, the line and what is wrong. The synthetic set's table, {@code tags.csv},
 * has exactly the columns {@code path,split,tags}.
 */
public final class TagTable {
    /** The usual name of the tag table in a dataset folder. */
    public static final String FILE_NAME = "tags.csv";
    private static final String PATH = "path";
    private static final String SPLIT = "split";
    private static final String TAGS = "tags";
    private static final List<String> COLUMNS = List.of(PATH, SPLIT, TAGS);
    private static final String TAG_SEPARATOR = ";";
    // Strict quoting: quote only values that need it, however long, so tables stay easy to read and diff.
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private TagTable() {
    }

    /** Writes {@code index} to {@code file} atomically; every track's audio must lie in the file's folder or below. */
    public static void write(Path file, TrackIndex index) {
        Path folder = folder(file);
        CsvSchema schema = CsvSchema.builder().addColumns(COLUMNS, CsvSchema.ColumnType.STRING).build().withHeader();
        writeAtomically(file, out -> {
            try (SequenceWriter rows = CSV.writer(schema).writeValues(out)) {
                for (Track track : index.tracks()) {
                    rows.write(List.of(relativePath(folder, track), track.split().label(),
                            tags(index.vocabulary(), track)));
                }
            }
        });
    }

    /** Reads the tracks of {@code file}, audio beside it, with tags from {@code vocabulary}; any other is an error. */
    public static TrackIndex read(Path file, TagVocabulary vocabulary) {
        Table table = table(file, false);
        return index(file, table, folder(file), vocabulary, null);
    }

    /** Reads the tracks of {@code file}, audio beside it, with the vocabulary of the tags the file uses. */
    public static TrackIndex read(Path file) {
        return read(file, folder(file), null);
    }

    /**
     * Reads the tracks of {@code file} with audio paths relative to {@code root}. With {@code splits} (path to split)
     * the file has no split column and its rows whose paths are not in {@code splits} are left out. The vocabulary
     * is the tags the file uses, sorted alphabetically, or its 0/1 tag columns in column order. A path of
     * {@code splits} that the table does not have is an error.
     */
    public static TrackIndex read(Path file, Path root, Map<String, Split> splits) {
        Table table = table(file, splits != null);
        if (splits != null) {
            Set<String> paths = table.rows().stream().map(Row::path).collect(Collectors.toSet());
            splits.keySet().stream().filter(path -> !paths.contains(path)).sorted().findFirst().ifPresent(path -> {
                throw DatasetFiles.problem(file, 0, "has no row for " + path + ", which a split file lists");
            });
        }
        TagVocabulary vocabulary;
        if (table.tagColumns() != null) {
            vocabulary = new TagVocabulary(table.tagColumns());
        } else {
            List<String> tags = table.rows().stream().flatMap(r -> r.tags().keySet().stream()).distinct().sorted()
                    .toList();
            if (tags.isEmpty()) {
                throw DatasetFiles.problem(file, 0, "no row has a tag, so there is no vocabulary");
            }
            vocabulary = new TagVocabulary(tags);
        }
        return index(file, table, root, vocabulary, splits);
    }

    /** Writes {@code file} atomically (see {@link AtomicFile}); a failure names the file. */
    public static void writeAtomically(Path file, AtomicFile.Contents contents) {
        try {
            AtomicFile.write(file, contents);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * One data row, with the line of the file it starts on; split is null when the caller gives the splits; the tags
     * with a target above 0, each with its target (1 for a listed tag).
     */
    private record Row(long line, String path, Split split, Map<String, Float> tags) {
    }

    /** The rows, and the 0/1 tag columns in column order when the tags are given that way (else null). */
    private record Table(List<Row> rows, List<String> tagColumns) {
    }

    private static Table table(Path file, boolean splitsGiven) {
        List<Row> rows = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        DatasetFiles.requireFile(file, "the tag table");
        char separator = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
        List<String> tagColumns;
        try (MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader().withColumnSeparator(separator))
                .with(CsvParser.Feature.SKIP_EMPTY_LINES).readValues(file.toFile())) {
            boolean more = it.hasNextValue();
            tagColumns = tagColumns(file, (CsvSchema) it.getParser().getSchema(), splitsGiven);
            while (more) {
                long line = it.getParser().currentLocation().getLineNr();
                Row row = row(file, line, it.nextValue(), splitsGiven, tagColumns);
                Long earlier = seen.putIfAbsent(row.path(), line);
                if (earlier != null) {
                    throw DatasetFiles.problem(file, line, "path " + row.path() + " is already listed on line "
                            + earlier);
                }
                rows.add(row);
                more = it.hasNextValue();
            }
        } catch (JacksonException e) {
            throw DatasetFiles.problem(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not a valid " + (separator == ',' ? "CSV" : "tab-separated") + " tag table: "
                            + SyntaxProblem.reason(e));
        } catch (IOException e) {
            throw DatasetFiles.unreadable(file, "the tag table", e);
        }
        return new Table(rows, tagColumns);
    }

    /** Checks the header; returns the 0/1 tag columns, or null when a {@code tags} column lists the tags. */
    private static List<String> tagColumns(Path file, CsvSchema header, boolean splitsGiven) {
        if (header.column(PATH) == null) {
            throw DatasetFiles.problem(file, 1, "missing column \"path\" (the header must name path, the tags"
                    + " and, without split files, split)");
        }
        if (splitsGiven == (header.column(SPLIT) != null)) {
            throw DatasetFiles.problem(file, 1, splitsGiven ? "has a split column and split files are given too"
                    + " (use one)" : "missing column \"split\" (the header must name path, split and the tags,"
                    + " unless split files give the split)");
        }
        if (header.column(TAGS) != null) {
            return null;
        }
        List<String> columns = new ArrayList<>();
        header.forEach(column -> columns.add(column.getName()));
        columns.removeAll(List.of(PATH, SPLIT));
        if (columns.isEmpty()) {
            throw DatasetFiles.problem(file, 1, "has no tags (expected a tags column or one 0/1 column per tag)");
        }
        return columns;
    }

    private static Row row(Path file, long line, Map<String, String> values, boolean splitsGiven,
                           List<String> tagColumns) {
        String path = values.getOrDefault(PATH, "").trim();
        if (path.isEmpty()) {
            throw DatasetFiles.problem(file, line, "empty path");
        }
        if (Path.of(path).isAbsolute()) {
            throw DatasetFiles.problem(file, line, "path " + path + " must be relative to the audio folder");
        }
        Split split = splitsGiven ? null : split(file, line, values.getOrDefault(SPLIT, "").trim());
        Map<String, Float> tags = tagColumns == null ? listedTags(file, line, values.getOrDefault(TAGS, ""))
                : flaggedTags(file, line, values, tagColumns);
        return new Row(line, path, split, tags);
    }

    /** The split named {@code label}, e.g. in a split column. */
    static Split split(Path file, long line, String label) {
        return Arrays.stream(Split.values()).filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> DatasetFiles.problem(file, line, "unknown split \"" + label + "\" (expected "
                        + Arrays.stream(Split.values()).map(Split::label).collect(Collectors.joining(", ")) + ")"));
    }

    private static Map<String, Float> listedTags(Path file, long line, String listed) {
        List<String> tags = Arrays.stream(listed.split(TAG_SEPARATOR)).map(String::trim).filter(t -> !t.isEmpty())
                .toList();
        if (new LinkedHashSet<>(tags).size() != tags.size()) {
            throw DatasetFiles.problem(file, line, "a tag is listed twice in " + tags);
        }
        Map<String, Float> targets = new LinkedHashMap<>();
        tags.forEach(tag -> targets.put(tag, 1f));
        return targets;
    }

    private static Map<String, Float> flaggedTags(Path file, long line, Map<String, String> values,
                                                  List<String> columns) {
        Map<String, Float> tags = new LinkedHashMap<>();
        for (String column : columns) {
            String value = values.getOrDefault(column, "").trim();
            float target = softLabel(value);
            if (!(target >= 0 && target <= 1)) {
                throw DatasetFiles.problem(file, line, "tag column \"" + column + "\" holds \"" + value
                        + "\", expected 0 or 1 (or a soft label between them)");
            }
            if (target > 0) {
                tags.put(column, target);
            }
        }
        return tags;
    }

    /** {@code value} as a number, NaN when it is not one. */
    private static float softLabel(String value) {
        try {
            return Float.parseFloat(value);
        } catch (NumberFormatException e) {
            return Float.NaN;
        }
    }

    private static TrackIndex index(Path file, Table table, Path root, TagVocabulary vocabulary,
                                    Map<String, Split> splits) {
        List<Track> tracks = new ArrayList<>();
        TrackIds ids = new TrackIds();
        for (Row row : table.rows()) {
            Split split = splits == null ? row.split() : splits.get(row.path());
            if (split == null) {
                continue;
            }
            String id = withoutExtension(row.path());
            ids.add(id, TrackIds.Place.line(file, row.line()), split, row.path());
            boolean[] labels = new boolean[vocabulary.size()];
            float[] targets = new float[vocabulary.size()];
            for (Map.Entry<String, Float> tag : row.tags().entrySet()) {
                int column = vocabulary.indexOf(tag.getKey());
                if (column < 0) {
                    throw DatasetFiles.problem(file, row.line(), "unknown tag \"" + tag.getKey() + "\" (vocabulary: "
                            + String.join(", ", vocabulary.tags()) + ")");
                }
                targets[column] = tag.getValue();
                labels[column] = tag.getValue() >= 0.5f;
            }
            tracks.add(new Track(id, root.resolve(row.path()), labels, split, targets));
        }
        return new TrackIndex(vocabulary, tracks);
    }

    private static String relativePath(Path folder, Track track) {
        Path relative = folder.toAbsolutePath().normalize().relativize(track.audio().toAbsolutePath().normalize());
        if (relative.startsWith("..")) {
            throw new IllegalArgumentException("track " + track.id() + " at " + track.audio()
                    + " is outside the tag table's folder " + folder);
        }
        return IntStream.range(0, relative.getNameCount()).mapToObj(i -> relative.getName(i).toString())
                .collect(Collectors.joining("/"));
    }

    private static String tags(TagVocabulary vocabulary, Track track) {
        return IntStream.range(0, vocabulary.size()).filter(track::hasTag).mapToObj(vocabulary::tag)
                .collect(Collectors.joining(TAG_SEPARATOR));
    }

    private static String withoutExtension(String path) {
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') + 1 ? path.substring(0, dot) : path;
    }

    private static Path folder(Path file) {
        return file.toAbsolutePath().getParent();
    }
}
