package org.tagbench.data.readers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tagbench.config.ClassFoldersDataConfig;
import org.tagbench.data.DatasetException;
import org.tagbench.data.Split;
import org.tagbench.data.TagVocabulary;
import org.tagbench.data.Track;
import org.tagbench.data.TrackIndex;

/**
 * Reads a folder per class (IRMAS, GTZAN; see {@link ClassFoldersDataConfig}): each sub-folder of the root is a
 * class, each file in it a track of that class alone, its id {@code <class>/<file without extension>}. Hidden files
 * and folders are ignored. A split file listing a path the folders do not have is an error naming both.
 */
public final class ClassFolders {
    private ClassFolders() {
    }

    /** The tracks the split files list, each with its folder's class. */
    public static TrackIndex read(ClassFoldersDataConfig config) {
        Path root = config.root();
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root + ": not a folder (expected a folder holding one folder per class)");
        }
        List<Path> classFolders = visible(root).filter(Files::isDirectory).sorted().toList();
        if (classFolders.isEmpty()) {
            throw new DatasetException(root + ": has no class folders (expected root/<class>/<audio file>)");
        }
        TagVocabulary classes = new TagVocabulary(classFolders.stream().map(f -> f.getFileName().toString())
                .toList());
        Map<String, Split> splits = CsvDataset.splits(config.splitFiles());
        List<Track> tracks = new ArrayList<>();
        TrackIds ids = new TrackIds();
        for (int c = 0; c < classes.size(); c++) {
            for (Path file : visible(classFolders.get(c)).filter(Files::isRegularFile).sorted().toList()) {
                String path = classes.tag(c) + "/" + file.getFileName();
                Split split = splits.remove(path);
                if (split == null) {
                    continue;
                }
                String id = withoutExtension(path);
                ids.add(id, new TrackIds.Place(classFolders.get(c), "file " + file.getFileName()), split, path);
                boolean[] labels = new boolean[classes.size()];
                labels[c] = true;
                tracks.add(new Track(id, file, labels, split));
            }
        }
        splits.keySet().stream().sorted().findFirst().ifPresent(path -> {
            throw new DatasetException(root + ": has no file " + path + ", which a split file lists (expected"
                    + " <class>/<file> paths relative to the root)");
        });
        return new TrackIndex(classes, tracks);
    }

    private static Stream<Path> visible(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).toList().stream();
        } catch (IOException e) {
            throw DatasetFiles.unreadable(folder, "a class folder", e);
        }
    }

    private static String withoutExtension(String path) {
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') + 1 ? path.substring(0, dot) : path;
    }
}
