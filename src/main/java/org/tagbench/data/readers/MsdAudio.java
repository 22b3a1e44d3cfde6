package org.tagbench.data.readers;

import java.nio.file.Path;

/** Where a Million Song Dataset track's audio lies under the audio root, in either layout. */
final class MsdAudio {
    private static final String NPY = ".npy";
    private static final String PREVIEW = ".clip.mp3";

    private MsdAudio() {
    }

    /**
     * The 7digital preview named by a line of Choi's {@code *_x_filename.txt} ({@code d1/d2/<7digital id>.npy}): the
     * same relative path ending in {@code .clip.mp3}, as the previews are distributed; null for any other line.
     */
    static Path byChoiFilename(Path root, String filename) {
        return filename.endsWith(NPY)
                ? root.resolve(filename.substring(0, filename.length() - NPY.length()) + PREVIEW) : null;
    }

    /** The MSD's own layout: {@code TRABCDE...} at {@code A/B/C/TRABCDE....mp3}; null for a malformed id. */
    static Path byMsdId(Path root, String msdId) {
        if (msdId.length() != 18 || !msdId.startsWith("TR")) {
            return null;
        }
        return root.resolve(msdId.substring(2, 3)).resolve(msdId.substring(3, 4)).resolve(msdId.substring(4, 5))
                .resolve(msdId + ".mp3");
    }
}
