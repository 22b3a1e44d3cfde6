package org.tagbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import org.tagbench.metrics.TagMetrics;
import org.tagbench.train.TrainingOutcome;

/** Everything a finished run leaves behind: its resolved config and hash, provenance, model, epochs, test metrics. */
public record RunRecord(String id, String name, String configHash, long seed, JsonNode config,
                        Provenance provenance, ModelRecord model, TrainingOutcome training, TagMetrics test) {
}
