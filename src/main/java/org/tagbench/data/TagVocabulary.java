package org.tagbench.data;

import java.util.List;

/** The ordered tag names of a dataset; column i of every label and score matrix is tag i. */
public record TagVocabulary(List<String> tags) {
    public TagVocabulary {
        tags = List.copyOf(tags);
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("a tag vocabulary needs at least one tag");
        }
        if (tags.stream().distinct().count() != tags.size()) {
            throw new IllegalArgumentException("duplicate tag in vocabulary " + tags);
        }
    }

    /** Number of tags. */
    public int size() {
        return tags.size();
    }

    /** Name of tag {@code i}. */
    public String tag(int i) {
        return tags.get(i);
    }

    /** Column of the named tag, or -1 when the vocabulary does not have it. */
    public int indexOf(String tag) {
        return tags.indexOf(tag);
    }
}
