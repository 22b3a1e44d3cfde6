package org.tagbench.data;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.tagbench.files.AtomicFile;

/**
 * The tag table of a dataset folder: a CSV file with header {@code path,split,tags} and one row per audio file.
 * {@code path} is relative to the table's folder (with {@code /} between folders), {@code split} is
 * {@code train}, {@code valid} or {@code test}, and {@code tags} lists the file's tags separated by {@code ;}
 * (empty for none). Further columns are allowed and ignored. A track's id is its path without the extension.
 * A table that cannot be read is a {@link DatasetException} naming the file, the line and what is wrong.
 */
public final class TagTable {
    /** The usual name of the tag table in a dataset folder. */
    public static final String FILE_NAME = "tags.csv";
    private static final List<String> COLUMNS = List.of("path", "split", "tags");
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

    /** Reads the tracks of {@code file} with tags from {@code vocabulary}; any other tag is an error. */
    public static TrackIndex read(Path file, TagVocabulary vocabulary) {
        return index(file, rows(file), vocabulary);
    }

    /** Reads the tracks of {@code file} with the vocabulary of every tag the file uses, sorted alphabetically. */
    public static TrackIndex read(Path file) {
        List<Row> rows = rows(file);
        List<String> tags = rows.stream().flatMap(r -> r.tags().stream()).distinct().sorted().toList();
        if (tags.isEmpty()) {
            throw problem(file, 0, "no row has a tag, so there is no vocabulary");
        }
        return index(file, rows, new TagVocabulary(tags));
    }

    /** Writes {@code file} atomically (see {@link AtomicFile}); a failure names the file. */
    static void writeAtomically(Path file, AtomicFile.Contents contents) {
        try {
            AtomicFile.write(file, contents);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** One data row, with the line of the file it starts on. */
    private record Row(long line, String path, Split split, List<String> tags) {
    }

    private static List<Row> rows(Path file) {
        List<Row> rows = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).with(CsvParser.Feature.SKIP_EMPTY_LINES)
                .readValues(file.toFile())) {
            boolean more = it.hasNextValue();
            requireColumns(file, (CsvSchema) it.getParser().getSchema());
            while (more) {
                long line = it.getParser().currentLocation().getLineNr();
                Row row = row(file, line, it.nextValue());
                Long earlier = seen.putIfAbsent(row.path(), line);
                if (earlier != null) {
                    throw problem(file, line, "path " + row.path() + " is already listed on line "
                            + earlier);
                }
                rows.add(row);
                more = it.hasNextValue();
            }
        } catch (JacksonException e) {
            throw problem(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not a valid CSV tag table: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw problem(file, 0, "cannot read the tag table (" + e.getMessage() + ")");
        }
        return rows;
    }

    private static void requireColumns(Path file, CsvSchema header) {
        for (String column : COLUMNS) {
            if (header.column(column) == null) {
                throw problem(file, 1, "missing column \"" + column + "\" (the header must name "
                        + String.join(",", COLUMNS) + ")");
            }
        }
    }

    private static Row row(Path file, long line, Map<String, String> values) {
        String path = values.getOrDefault("path", "").trim();
        if (path.isEmpty()) {
            throw problem(file, line, "empty path");
        }
        if (Path.of(path).isAbsolute()) {
            throw problem(file, line, "path " + path + " must be relative to the table's folder");
        }
        String label = values.getOrDefault("split", "").trim();
        Split split = Arrays.stream(Split.values()).filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> problem(file, line, "unknown split \"" + label + "\" (expected "
                        + Arrays.stream(Split.values()).map(Split::label).collect(Collectors.joining(", ")) + ")"));
        List<String> tags = Arrays.stream(values.getOrDefault("tags", "").split(TAG_SEPARATOR))
                .map(String::trim).filter(t -> !t.isEmpty()).toList();
        Set<String> distinct = new LinkedHashSet<>(tags);
        if (distinct.size() != tags.size()) {
            throw problem(file, line, "a tag is listed twice in " + tags);
        }
        return new Row(line, path, split, tags);
    }

    private static TrackIndex index(Path file, List<Row> rows, TagVocabulary vocabulary) {
        Path folder = folder(file);
        List<Track> tracks = new ArrayList<>();
        for (Row row : rows) {
            boolean[] labels = new boolean[vocabulary.size()];
            for (String tag : row.tags()) {
                int column = vocabulary.indexOf(tag);
                if (column < 0) {
                    throw problem(file, row.line(), "unknown tag \"" + tag + "\" (vocabulary: "
                            + String.join(", ", vocabulary.tags()) + ")");
                }
                labels[column] = true;
            }
            tracks.add(new Track(withoutExtension(row.path()), folder.resolve(row.path()), labels, row.split()));
        }
        return new TrackIndex(vocabulary, tracks);
    }

    /** A {@link DatasetException} naming the file, the line (when known, that is above 0) and the problem. */
    private static DatasetException problem(Path file, long line, String problem) {
        return new DatasetException(file + (line > 0 ? ": line " + line : "") + ": " + problem);
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
