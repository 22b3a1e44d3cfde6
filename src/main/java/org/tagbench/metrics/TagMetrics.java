package org.tagbench.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.tagbench.data.TagVocabulary;

/**
 * Per-tag ROC-AUC and PR-AUC, their macro means over the defined tags, and micro values over every
 * (track, tag) pair; tags with a single class in the split are undefined, listed, and left out of the means.
 */
public record TagMetrics(List<TagScore> perTag, double rocAucMacro, double prAucMacro,
                         double rocAucMicro, double prAucMicro, int tracks) {
    public TagMetrics {
        perTag = List.copyOf(perTag);
    }

    /** Scores {@code scores[track][tag]} against {@code labels[track][tag]}, tags in vocabulary order. */
    public static TagMetrics of(TagVocabulary vocabulary, double[][] scores, boolean[][] labels) {
        int tracks = scores.length;
        int tags = vocabulary.size();
        List<TagScore> perTag = new ArrayList<>(tags);
        double[] flatScores = new double[tracks * tags];
        boolean[] flatLabels = new boolean[tracks * tags];
        for (int j = 0; j < tags; j++) {
            double[] column = new double[tracks];
            boolean[] truth = new boolean[tracks];
            int positives = 0;
            for (int i = 0; i < tracks; i++) {
                column[i] = scores[i][j];
                truth[i] = labels[i][j];
                positives += truth[i] ? 1 : 0;
                flatScores[i * tags + j] = column[i];
                flatLabels[i * tags + j] = truth[i];
            }
            perTag.add(new TagScore(vocabulary.tag(j), positives, RocAuc.of(column, truth),
                    AveragePrecision.of(column, truth)));
        }
        return new TagMetrics(perTag,
                perTag.stream().filter(TagScore::defined).mapToDouble(TagScore::rocAuc).average().orElse(Double.NaN),
                perTag.stream().filter(TagScore::defined).mapToDouble(TagScore::prAuc).average().orElse(Double.NaN),
                RocAuc.of(flatScores, flatLabels), AveragePrecision.of(flatScores, flatLabels), tracks);
    }

    /** Names of the tags whose metrics are undefined in this split. */
    @JsonProperty("undefined_tags")
    public List<String> undefinedTags() {
        return perTag.stream().filter(t -> !t.defined()).map(TagScore::tag).toList();
    }

    /** Number of tags with defined metrics (those the macro means average). */
    public int definedTags() {
        return (int) perTag.stream().filter(TagScore::defined).count();
    }
}
