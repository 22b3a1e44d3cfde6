package org.tagbench.export;

import java.util.Locale;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.FrontEndPlacement;
import org.tagbench.metrics.TagScore;

/**
 * A bundle's {@code MODEL_CARD.md}: what the model is and was trained on, its per-tag test ROC-AUC and PR-AUC, the
 * input it expects (mono audio at its sample rate, cut into chunks as evaluation cut them) and its limits.
 */
final class ModelCard {
    private ModelCard() {
    }

    /** The card of {@code bundle}, as Markdown. */
    static String of(ModelBundle bundle) {
        FeatureConfig f = bundle.features();
        StringBuilder card = new StringBuilder();
        card.append(String.format(Locale.ROOT, "# %s (%s, %,d trainable parameters)%n%n",
                bundle.provenanceText("experiment"), bundle.spec().arch().configName(),
                bundle.trainableParams()));
        card.append(String.format(Locale.ROOT, "A music auto-tagging model trained by tagbench %s (commit %s) on the"
                        + " %s engine: %d tags, widths %s.%n%n", bundle.provenanceText("run", "tagbench_version"),
                bundle.provenanceText("run", "git_commit"), bundle.engine().configName(), bundle.tags().size(),
                bundle.spec().widths()));
        if (!bundle.trained()) {
            card.append("**Untrained**: these are the architecture's random initial weights (" + bundle.provenanceText(
                    "weights") + "), exported with `export --random` as the baseline of a probe; its outputs mean"
                    + " nothing as tags. What follows describes the run whose architecture, input and seed it"
                    + " shares.\n\n");
        }
        card.append("## Training data\n\n");
        card.append(String.format(Locale.ROOT, "- dataset `%s` from `%s`%n", bundle.config().data().dataset(),
                bundle.provenanceText("run", "dataset_root")));
        card.append(String.format(Locale.ROOT, "- tracks per split: %s%n", bundle.provenanceText("run",
                "tracks_per_split")));
        card.append(String.format(Locale.ROOT, "- dataset fingerprint: %s%n", bundle.provenanceText("run",
                "dataset_fingerprint")));
        card.append(String.format(Locale.ROOT, "- run %s, experiment key %s, seed %s%n%n",
                bundle.provenanceText("run_id"), bundle.provenanceText("experiment_key"),
                bundle.provenanceText("seed")));
        card.append("## Intended input\n\n");
        card.append(String.format(Locale.ROOT, "Mono audio at %d Hz (resample first: the model was trained at this"
                        + " rate only), cut into chunks of %d samples (%s s). A track's tags are the mean of the sigmoid"
                        + " outputs of %d evenly spaced chunks, the first at its start and the last at its end; a"
                        + " track shorter than a chunk is zero-padded.%n%n", f.sampleRate(), bundle.chunkSamples(),
                bundle.chunkSeconds(), bundle.evalChunks()));
        card.append(f.frontend() == FrontEndPlacement.NONE ? "The network eats the raw chunks themselves: it has no"
                + " mel front end (`features.frontend: none`).\n\n" : melInput(bundle));
        card.append("## Test metrics\n\n");
        card.append(String.format(Locale.ROOT, "Macro ROC-AUC %s, macro PR-AUC %s over %s test tracks"
                        + " (scikit-learn's definitions; a tag with one class only in the test split is undefined).%n%n",
                value(bundle.metrics().path("roc_auc_macro").asDouble(Double.NaN)),
                value(bundle.metrics().path("pr_auc_macro").asDouble(Double.NaN)),
                bundle.metrics().path("tracks").asText("?")));
        card.append("| tag | positives | ROC-AUC | PR-AUC |\n|---|---:|---:|---:|\n");
        for (TagScore tag : bundle.perTag()) {
            card.append(String.format(Locale.ROOT, "| %s | %d | %s | %s |%n", tag.tag().replace("|", "\\|"),
                    tag.positives(), value(tag.rocAuc()), value(tag.prAuc())));
        }
        card.append("\n## Limits\n\n");
        card.append("- Scores are per-tag probabilities from independent sigmoids, calibrated only as far as"
                + " training made them; a threshold fitted on the validation split is better than 0.5.\n");
        card.append("- The tags and the metrics above hold for audio like the training data; other music, recording"
                + " conditions or lengths were not measured.\n");
        card.append("- Audio at another sample rate or with other mel settings gives wrong tags without any error:"
                + " resample to the rate above and use the settings in `model.json`.\n");
        return card.toString();
    }

    /** What a network with a log-mel front end eats, and the front end's settings. */
    private static String melInput(ModelBundle bundle) {
        FeatureConfig f = bundle.features();
        return String.format(Locale.ROOT, "The network eats %s: log-mel of n_fft %d, win_length %d, hop %d, %s"
                        + " window, center %s (%s padding), %d %s mel bands from %s to %s Hz (norm %s), power %s, %s%s."
                        + " `model.json` holds these settings exactly as the config had them.%n%n",
                bundle.features().frontend().name().equals("NETWORK") ? "raw chunks (the mel is computed inside)"
                        : "log-mel chunks of " + bundle.spec().melBands() + " x " + bundle.spec().frames(),
                f.nFft(), f.winLength(), f.hopLength(), lower(f.window()), f.center(), lower(f.padMode()), f.nMels(),
                lower(f.melScale()), f.fmin(), f.fmax(), lower(f.norm()), f.power(), lower(f.scale()),
                f.topDb() == null ? "" : ", top_db " + f.topDb());
    }

    private static String value(double metric) {
        return Double.isNaN(metric) ? "undefined" : String.format(Locale.ROOT, "%.4f", metric);
    }

    private static String lower(Object value) {
        return value.toString().toLowerCase(Locale.ROOT);
    }
}
