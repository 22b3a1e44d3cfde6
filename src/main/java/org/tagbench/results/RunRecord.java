package org.tagbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.tagbench.metrics.ClassMetrics;
import org.tagbench.metrics.LabelRanking;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.train.TrainingOutcome;

/**
 * Everything a finished run leaves behind: its resolved config and hash, provenance, model, epochs, test metrics,
 * and the files it keeps in its folder (none listed in records made before they were); a multilabel run's test LRAP
 * and lwlrap ({@code testRanking}) or a multiclass run's accuracy, balanced accuracy, macro F1 and confusion matrix
 * ({@code testClasses}), the other null (both null in records made before tasks existed).
 */
public record RunRecord(String id, String name, String configHash, long seed, JsonNode config,
                        Provenance provenance, ModelRecord model, TrainingOutcome training, TagMetrics test,
                        List<Artifact> artifacts, LabelRanking testRanking, ClassMetrics testClasses) {
    public RunRecord {
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    }
}
