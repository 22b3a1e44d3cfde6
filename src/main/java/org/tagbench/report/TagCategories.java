package org.tagbench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The category of each tag of a vocabulary (genre, mood, instrument, era), as Choi et al. 2017 grouped the per-tag
 * scores of their Fig. 3: shipped maps for the MSD top-50 and MTAT top-50 vocabularies (and the generated dataset's);
 * the tags of any other vocabulary are all "other".
 */
public final class TagCategories {
    /** The categories in the order plots show them. */
    public static final List<String> ORDER = List.of("genre", "mood", "instrument", "era", "other");
    private static final String OTHER = "other";
    private static final List<String> MAPS = List.of("tag-categories-msd-top50.tsv", "tag-categories-mtat-top50.tsv",
            "tag-categories-synthetic.tsv");
    private final Map<String, String> categories;

    private TagCategories(Map<String, String> categories) {
        this.categories = Map.copyOf(categories);
    }

    /** The categories of {@code tags}: the shipped map holding every one of them, else none. */
    public static TagCategories of(List<String> tags) {
        for (String map : MAPS) {
            Map<String, String> categories = read(map);
            if (categories.keySet().containsAll(tags)) {
                return new TagCategories(categories);
            }
        }
        return new TagCategories(Map.of());
    }

    /** The category of {@code tag}: one of {@link #ORDER}. */
    public String of(String tag) {
        return categories.getOrDefault(tag, OTHER);
    }

    private static Map<String, String> read(String name) {
        try (InputStream in = TagCategories.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the resource " + name);
            }
            Map<String, String> categories = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] fields = line.split("\t");
                    categories.put(fields[0], fields[1].strip());
                }
            }
            return categories;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
