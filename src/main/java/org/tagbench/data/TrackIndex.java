package org.tagbench.data;

import java.util.List;

/** Every track of a dataset with its vocabulary; the single input every later stage reads. */
public record TrackIndex(TagVocabulary vocabulary, List<Track> tracks) {
    public TrackIndex {
        tracks = List.copyOf(tracks);
        for (Track t : tracks) {
            if (t.labels().length != vocabulary.size()) {
                throw new IllegalArgumentException("track " + t.id() + " has " + t.labels().length
                        + " labels, vocabulary has " + vocabulary.size());
            }
        }
    }

    /** The tracks of one split, in index order. */
    public List<Track> split(Split split) {
        return tracks.stream().filter(t -> t.split() == split).toList();
    }
}
