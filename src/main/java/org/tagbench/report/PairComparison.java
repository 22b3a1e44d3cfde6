package org.tagbench.report;

import java.util.List;
import org.tagbench.metrics.PairedBootstrap;

/**
 * Architecture a against architecture b at one budget on the same test tracks, each architecture as the mean of its
 * seeds: the paired bootstrap of the macro ROC-AUC and PR-AUC differences, and DeLong's test of every tag.
 */
public record PairComparison(Cell a, Cell b, PairedBootstrap bootstrap, List<TagComparison> tags) {
    public PairComparison {
        tags = List.copyOf(tags);
    }
}
