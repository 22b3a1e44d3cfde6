package org.tagbench.config;

/** Which MagnaTagATune split a config uses. */
public enum MtatSplit {
    /** By the clip's audio folder: 0-9, a, b train; c valid; d, e, f test (16 folders, 12/1/3). */
    FOLDERS,
    /** Lee et al.'s cleaned split: pickled lists of {@code <folder>/<name>.npy} paths ({@code *_list_pub.cP}). */
    CLEANED,
    /** Text files listing clip ids, one per line. */
    CLIP_IDS
}
