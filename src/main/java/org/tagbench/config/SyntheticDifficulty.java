package org.tagbench.config;

/** How hard the generated dataset is to tag ({@code data.difficulty}, synthetic only). */
public enum SyntheticDifficulty {
    /** The quickstart's set: 12 tags, one to four voices, tempos far apart; small networks reach 0.95+ ROC-AUC. */
    STANDARD,
    /**
     * A set for comparing trainers, where small networks stay near 0.85–0.9 ROC-AUC: two to six overlapping voices
     * spread over 12 dB, louder and more frequent hiss, tempo ranges that nearly meet, clip levels spread over 24 dB,
     * and two more tags, the clip's mode ({@code major}, {@code minor}).
     */
    HARD
}
