package org.tagbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.tagbench.config.EngineName;
import org.tagbench.model.ModelSpec;

/**
 * What a {@link StepBenchmark} measured: the engine and its backend, the network and the engine's count of its
 * trainable parameters, each timed step, the last step's loss and the process's peak resident memory.
 */
public record StepReport(EngineName engine, String backend, ModelSpec spec, long params, int batch, int warmup,
                         StepTimes times, double loss, OptionalLong peakResidentBytes) {

    /** Three lines: the network and engine, the median and mean step, the peak memory. */
    public String text() {
        return String.format(Locale.ROOT, "%s %,d params, input %d x %d, %d tags, batch %d, %s%n",
                spec.arch().configName(), params, spec.melBands(), spec.frames(), spec.tags(), batch, backend)
                + String.format(Locale.ROOT, "training step: median %.3f s, mean %.3f s (%d steps after %d warm-up)%n",
                        times.median(), times.mean(), times.seconds().length, warmup)
                + (peakResidentBytes.isPresent()
                        ? String.format(Locale.ROOT, "peak RSS %.2f GB", peakResidentBytes.getAsLong() / 1e9)
                        : "peak RSS unknown (no /proc/self/status)");
    }

    /**
     * One JSON object: engine, backend, arch, input, tags, widths, params, batch, warmup, step_seconds, median_s,
     * mean_s, loss and peak_rss_bytes (null where unknown), as scripts/bench_engines_table.py reads it.
     */
    public String json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("engine", engine.configName());
        root.put("backend", backend);
        root.put("arch", spec.arch().configName());
        root.set("input", mapper.valueToTree(List.of(spec.melBands(), spec.frames())));
        root.put("tags", spec.tags());
        root.set("widths", mapper.valueToTree(spec.widths()));
        root.put("params", params);
        root.put("batch", batch);
        root.put("warmup", warmup);
        root.set("step_seconds", mapper.valueToTree(times.seconds()));
        root.put("median_s", times.median());
        root.put("mean_s", times.mean());
        root.put("loss", loss);
        if (peakResidentBytes.isPresent()) {
            root.put("peak_rss_bytes", peakResidentBytes.getAsLong());
        } else {
            root.putNull("peak_rss_bytes");
        }
        return root.toString();
    }
}
