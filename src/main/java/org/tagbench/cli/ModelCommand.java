package org.tagbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.tagbench.model.LayerSpec;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelSummary;
import org.tagbench.model.Shape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tagbench model}: look at the networks tagbench builds without training them. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Inspect the networks tagbench builds (Choi et al. 2017: k1c2, k2c1, k2c2, crnn).",
        subcommands = {ModelCommand.Summary.class})
final class ModelCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code tagbench model summary}: layers, output shapes, widths, trainable parameters and FLOPs. */
    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "Print a network's layers, output shapes, widths, trainable parameters and FLOPs per clip.")
    static final class Summary implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ModelOptions model;

        @Option(names = "--json", description = "Print one JSON object instead of the table.")
        private boolean json;

        @Override
        public Integer call() throws Exception {
            ModelSpec network = model.spec();
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? json(network) + System.lineSeparator() : ModelSummary.table(network));
            out.flush();
            return 0;
        }

        /**
         * The summary as JSON; each layer also carries its kind and its spec's fields (kernel, pool, padding,
         * in/out sizes), enough for another framework to build the same network (scripts/bench_twins.py does).
         */
        private static String json(ModelSpec model) throws Exception {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("arch", model.arch().configName());
            root.set("input", mapper.valueToTree(List.of(model.melBands(), model.frames())));
            root.put("tags", model.tags());
            root.set("widths", mapper.valueToTree(model.widths()));
            root.put("params", model.trainableParams());
            root.put("flops", model.flops());
            ArrayNode layers = root.putArray("layers");
            List<ModelSummary.Row> rows = ModelSummary.rows(model);
            for (int i = 0; i < rows.size(); i++) {
                ModelSummary.Row row = rows.get(i);
                LayerSpec layer = model.layers().get(i);
                Shape out = row.output();
                ObjectNode node = layers.addObject();
                node.put("layer", row.layer());
                node.put("kind", layer.getClass().getSimpleName());
                node.set("config", mapper.valueToTree(layer));
                node.set("output", mapper.valueToTree(List.of(out.channels(), out.height(), out.width())));
                node.put("params", row.params());
                node.put("flops", row.flops());
            }
            return mapper.writeValueAsString(root);
        }
    }
}
