package org.tagbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tagbench.data.readers.SharedSplits;

/** The shipped tag categories cover the published MSD and MTAT top-50 vocabularies whole; other tags are "other". */
class TagCategoriesTest {

    @Test
    void msdTop50TagsFallIntoChoisFourGroups() throws IOException {
        List<String> tags = tags(SharedSplits.folder("msd-lee").resolve("50tagList.txt"));
        Map<String, Long> counts = counts(tags);
        assertEquals(Map.of("genre", 29L, "mood", 9L, "instrument", 6L, "era", 6L), counts);
        TagCategories categories = TagCategories.of(tags);
        assertEquals("era", categories.of("80s"));
        assertEquals("instrument", categories.of("female vocalists"));
        assertEquals("mood", categories.of("Mellow"));
        assertEquals("genre", categories.of("Hip-Hop"));
    }

    @Test
    void mtatTop50TagsHaveACategoryEach() throws IOException {
        List<String> tags = tags(SharedSplits.folder("mtat-lee").resolve("top50_tags.txt"));
        assertEquals(Map.of("genre", 14L, "mood", 6L, "instrument", 30L), counts(tags));
        assertEquals("instrument", TagCategories.of(tags).of("harpsichord"));
    }

    @Test
    void aVocabularyNoMapCoversIsOther() {
        TagCategories categories = TagCategories.of(List.of("rock", "tag-of-my-own"));
        assertEquals("other", categories.of("rock"));
        assertEquals("other", categories.of("tag-of-my-own"));
    }

    private static Map<String, Long> counts(List<String> tags) {
        TagCategories categories = TagCategories.of(tags);
        Map<String, Long> counts = new TreeMap<>();
        tags.forEach(t -> counts.merge(categories.of(t), 1L, Long::sum));
        return counts;
    }

    private static List<String> tags(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
    }
}
