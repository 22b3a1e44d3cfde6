package org.tagbench.config;

/** How Million Song Dataset audio files are laid out under the audio root. */
public enum MsdLayout {
    /** 7digital previews as distributed with Choi's split: {@code d1/d2/<7digital id>.clip.mp3}. */
    SEVEN_DIGITAL,
    /**
     * By MSD track id, as the MSD's own files are: {@code TRABCDE...} lies at {@code A/B/C/TRABCDE....mp3}, the folders
     * being the id's 3rd, 4th and 5th characters.
     */
    MSD_ID
}
