package org.tagbench.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tagbench.files.FileDigest;
import org.tagbench.files.FileFailure;
import org.tagbench.progress.Progress;

/**
 * What identifies the data a run used, so that two runs are known to have read the same: a SHA-256 per split over
 * its track ids, their label vectors and their audio files, and one over the three splits.
 *
 * <p>Version 1's bytes, from which anyone can recompute it ({@code scripts/dataset_fingerprint.py} does): a split's
 * fingerprint is the SHA-256 (lower-case hex) of the UTF-8 text
 * <pre>
 * tagbench-dataset-fingerprint TAB 1 TAB METHOD LF
 * tags TAB TAG_0 TAB TAG_1 ... LF          (the vocabulary, in its order)
 * split TAB SPLIT LF                       (train, valid or test)
 * ID TAB LABELS TAB FILE LF                (one per track of the split)
 * </pre>
 * where LABELS is one {@code 0} or {@code 1} per tag in vocabulary order, and FILE is, for METHOD
 * {@value #SIZE_MTIME}, the audio file's size in bytes TAB its modification time in whole seconds since 1970
 * (floored), for {@value #CONTENT} the SHA-256 of its bytes, and {@code missing} when there is no file. In ids and tag
 * names a backslash, tab, line feed and carriage return are written {@code \\ \t \n \r}. The track lines are sorted
 * by their UTF-8 bytes, so the order a reader lists tracks in does not count; which split a track is in, the tag order
 * (the columns of every label and score matrix) and each file do. The dataset's fingerprint is the SHA-256 of
 * {@code train TAB HEX LF valid TAB HEX LF test TAB HEX LF} over the split fingerprints. File paths are left out: the
 * same data in another folder or on another machine gives the same fingerprint (the size-and-time one only where
 * copying kept the times; the content one always).
 *
 * @param method {@value #SIZE_MTIME} (cheap, recorded by every run) or {@value #CONTENT} (reads every file)
 * @param dataset the fingerprint over all splits
 * @param splits each split's fingerprint by split label, in split order
 */
public record DatasetFingerprint(String method, String dataset, Map<String, String> splits) {
    /** Files identified by size and modification time. */
    public static final String SIZE_MTIME = "size-mtime";
    /** Files identified by the SHA-256 of their contents. */
    public static final String CONTENT = "sha256";
    private static final String VERSION = "1";

    public DatasetFingerprint {
        splits = Collections.unmodifiableMap(new LinkedHashMap<>(splits));
    }

    /** The fingerprint of {@code index} with files identified by size and modification time. */
    public static DatasetFingerprint bySizeAndTime(TrackIndex index) throws IOException {
        return of(index, SIZE_MTIME, null);
    }

    /** The fingerprint of {@code index} with files identified by their SHA-256, reading each with a progress bar. */
    public static DatasetFingerprint byContent(TrackIndex index) throws IOException {
        try (Progress progress = Progress.start("hashing", index.tracks().size(), "files")) {
            return of(index, CONTENT, progress);
        }
    }

    private static DatasetFingerprint of(TrackIndex index, String method, Progress progress) throws IOException {
        Map<String, String> splits = new LinkedHashMap<>();
        StringBuilder overall = new StringBuilder();
        for (Split split : Split.values()) {
            String fingerprint = FileDigest.sha256(text(index, split, method, progress)
                    .getBytes(StandardCharsets.UTF_8));
            splits.put(split.label(), fingerprint);
            overall.append(split.label()).append('\t').append(fingerprint).append('\n');
        }
        return new DatasetFingerprint(method, FileDigest.sha256(overall.toString().getBytes(StandardCharsets.UTF_8)),
                splits);
    }

    /** The text whose SHA-256 is {@code split}'s fingerprint. */
    private static String text(TrackIndex index, Split split, String method, Progress progress) throws IOException {
        StringBuilder text = new StringBuilder("tagbench-dataset-fingerprint\t" + VERSION + "\t" + method + "\ntags");
        index.vocabulary().tags().forEach(tag -> text.append('\t').append(escaped(tag)));
        text.append("\nsplit\t").append(split.label()).append('\n');
        List<byte[]> lines = new ArrayList<>();
        for (Track track : index.split(split)) {
            StringBuilder line = new StringBuilder(escaped(track.id())).append('\t');
            for (boolean label : track.labels()) {
                line.append(label ? '1' : '0');
            }
            line.append('\t').append(file(track.audio(), method)).append('\n');
            lines.add(line.toString().getBytes(StandardCharsets.UTF_8));
            if (progress != null) {
                progress.step();
            }
        }
        // UTF-8 byte order is code point order; String.compareTo's UTF-16 order differs beyond U+FFFF.
        lines.sort(Arrays::compareUnsigned);
        lines.forEach(line -> text.append(new String(line, StandardCharsets.UTF_8)));
        return text.toString();
    }

    private static String file(Path audio, String method) throws IOException {
        try {
            // Whole seconds: copies (tar, zip, some file systems) keep no finer time.
            return method.equals(CONTENT) ? FileDigest.sha256(audio)
                    : Files.size(audio) + "\t" + Files.getLastModifiedTime(audio).toInstant().getEpochSecond();
        } catch (NoSuchFileException e) {
            return "missing";
        } catch (IOException e) {
            throw FileFailure.naming(audio, e);
        }
    }

    private static String escaped(String name) {
        return name.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
