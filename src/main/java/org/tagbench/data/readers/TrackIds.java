package org.tagbench.data.readers;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.tagbench.data.DatasetException;
import org.tagbench.data.Split;

/**
 * The track ids of a dataset being read, each with where it was listed. A second listing of an id, in the same
 * split or another, is refused naming both places: a track in two splits would leak test data into training.
 */
final class TrackIds {
    private final Map<String, Listing> listings = new HashMap<>();

    /** Where a track is listed: a file and a line, or an item of a pickled list. */
    record Place(Path file, String position) {
        /** Line {@code line} (from 1) of a text file. */
        static Place line(Path file, long line) {
            return new Place(file, "line " + line);
        }

        /** Item {@code item} (from 1) of a pickled list. */
        static Place item(Path file, long item) {
            return new Place(file, "item " + item);
        }

        /** This place as seen from {@code here}: only the position when both are in the same file. */
        String from(Place here) {
            return file.equals(here.file()) ? position : toString();
        }

        @Override
        public String toString() {
            return file + ": " + position;
        }
    }

    /** A track's first listing; {@code path} is set for tracks whose id is their path without the extension. */
    private record Listing(Place place, Split split, String path) {
        String describe() {
            return "(" + (path == null ? "" : "path " + path + ", ") + split.label() + ")";
        }
    }

    /** Records that track {@code id} is listed at {@code place} in {@code split}; a repeated id is an error. */
    void add(String id, Place place, Split split) {
        add(id, place, split, null);
    }

    /**
     * Records that the track of {@code path}, whose id {@code id} is that path without its extension, is listed at
     * {@code place} in {@code split}; a repeated id is an error.
     */
    void add(String id, Place place, Split split, String path) {
        Listing listing = new Listing(place, split, path);
        Listing earlier = listings.putIfAbsent(id, listing);
        if (earlier != null) {
            throw new DatasetException(place + ": track " + id + " " + listing.describe() + " is already listed at "
                    + earlier.place().from(place) + " " + earlier.describe() + "; a track may be listed once, in one"
                    + " split" + (path == null ? "" : " (its id is its path without the extension)"));
        }
    }
}
