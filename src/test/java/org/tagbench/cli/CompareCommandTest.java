package org.tagbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tagbench.bench.RecordedRuns;
import org.tagbench.files.NpyMatrix;
import org.tagbench.metrics.TrackScores;
import org.tagbench.results.ResultsStore;
import org.tagbench.train.EpochRecord;
import org.w3c.dom.Element;

/**
 * {@code tagbench compare} end to end on a real SQLite store holding 13 runs recorded through the store's own API
 * (3 architectures x 2 budgets, 2 or 3 seeds), whose test scores and expected numbers scripts/compare_report_golden.py
 * made independently in float64 NumPy, SciPy and scikit-learn (src/test/resources/report/).
 */
class CompareCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TIGHT = 1e-12;

    @TempDir
    static Path dir;
    static JsonNode expected;
    static String url;
    static Path report;
    static CommandRun compared;
    static List<Long> ids = new ArrayList<>();

    @BeforeAll
    static void compare() throws IOException {
        expected = JSON.readTree(resource("expected.json"));
        url = "jdbc:sqlite:" + dir.resolve("store.db");
        ResultsStore store = ResultsStore.open(url);
        RecordedRuns recorded = new RecordedRuns(store, dir.resolve("runs"));
        for (JsonNode run : expected.get("runs")) {
            ids.add(recorded.add(fixtureRun(run, "fixture", "fixture-data")));
        }
        report = dir.resolve("report");
        compared = CommandRun.of("compare", "--experiment", "fixture", "--out", report.toString(), "--reference",
                "k2c2", "--url", url);
        assertEquals(0, compared.code(), compared.err());
    }

    @Test
    void summaryHasTheIndependentMeansAndIntervals() throws IOException {
        Map<String, Map<String, String>> rows = csv(report.resolve("summary.csv"), "arch", "budget");
        assertEquals(expected.get("cells").size(), rows.size());
        for (JsonNode cell : expected.get("cells")) {
            Map<String, String> row = rows.get(cell.get("arch").asText() + "/" + cell.get("budget").asText());
            for (String metric : List.of("roc_auc", "pr_auc")) {
                JsonNode m = cell.get(metric);
                assertEquals(m.get("n").asInt(), Integer.parseInt(row.get("n")));
                assertEquals(m.get("mean").asDouble(), Double.parseDouble(row.get(metric + "_mean")), TIGHT);
                // The t quantile by bisection and SciPy's agree to about 1e-11 relative.
                assertEquals(m.get("low").asDouble(), Double.parseDouble(row.get(metric + "_low")), 1e-9);
                assertEquals(m.get("high").asDouble(), Double.parseDouble(row.get(metric + "_high")), 1e-9);
            }
            assertEquals(cell.get("training_seconds").asDouble(),
                    Double.parseDouble(row.get("training_seconds_mean")), TIGHT);
            assertEquals(3.0, Double.parseDouble(row.get("epochs_mean")));
        }
        assertEquals("248870", rows.get("k2c2/250000").get("params"));
        assertEquals("1 2 3", rows.get("crnn/250000").get("seeds"));
        String markdown = Files.readString(report.resolve("summary.md"));
        assertTrue(markdown.lines().anyMatch(l -> l.startsWith("| k2c2 | 250k | 248870 | 2 | ")), markdown);
    }

    @Test
    void perTagTableHasEachTagsMeanOverSeeds() throws IOException {
        Map<String, Map<String, String>> rows = csv(report.resolve("per-tag.csv"), "arch", "budget", "tag");
        List<String> tags = new ArrayList<>();
        expected.get("tags").forEach(t -> tags.add(t.asText()));
        for (JsonNode cell : expected.get("cells")) {
            for (int j = 0; j < tags.size(); j++) {
                Map<String, String> row = rows.get(cell.get("arch").asText() + "/" + cell.get("budget").asText() + "/"
                        + tags.get(j));
                JsonNode mean = cell.get("tag_roc_auc").get(j);
                if (mean.isNull()) {
                    assertEquals("", row.get("roc_auc_mean"), tags.get(j) + " is undefined");
                } else {
                    assertEquals(mean.asDouble(), Double.parseDouble(row.get("roc_auc_mean")), TIGHT);
                }
            }
        }
        assertEquals("genre", rows.get("crnn/100000/jazz").get("category"));
        assertEquals("mood", rows.get("crnn/100000/Mellow").get("category"));
        assertEquals("instrument", rows.get("crnn/100000/guitar").get("category"));
        assertEquals("era", rows.get("crnn/100000/80s").get("category"));
    }

    @Test
    void deLongOfTheSeedMeansMatchesTheQuadraticDefinition() throws IOException {
        Map<String, Map<String, String>> rows = csv(report.resolve("significance.csv"), "budget", "arch_a", "arch_b",
                "test", "tag");
        int checked = 0;
        for (JsonNode pair : expected.get("pairs")) {
            String key = pair.get("budget").asText() + "/" + pair.get("arch_a").asText() + "/"
                    + pair.get("arch_b").asText();
            if (!rows.containsKey(key + "/delong/rock")) {
                continue; // the report lists each pair once, a before b
            }
            for (JsonNode tag : pair.get("tags")) {
                Map<String, String> row = rows.get(key + "/delong/" + tag.get("tag").asText());
                assertEquals(tag.get("positives").asInt(), Integer.parseInt(row.get("positives")));
                if (tag.get("auc_a").isNull()) {
                    assertEquals("undefined: one class in the test split", row.get("note"));
                    assertEquals("", row.get("p"));
                    continue;
                }
                assertEquals(tag.get("auc_a").asDouble(), Double.parseDouble(row.get("a")), TIGHT);
                assertEquals(tag.get("auc_b").asDouble(), Double.parseDouble(row.get("b")), TIGHT);
                if (tag.get("p").isNull()) {
                    assertEquals("not tested: fewer than 2 positives or negatives", row.get("note"));
                    assertEquals("", row.get("p_holm"));
                    continue;
                }
                assertEquals(tag.get("z").asDouble(), Double.parseDouble(row.get("z")), 1e-9);
                assertEquals(tag.get("p").asDouble(), Double.parseDouble(row.get("p")), 1e-9);
                assertEquals(tag.get("p_holm").asDouble(), Double.parseDouble(row.get("p_holm")), 1e-9);
                checked++;
            }
            for (String metric : List.of("roc_auc", "pr_auc")) {
                Map<String, String> row = rows.get(key + "/bootstrap-" + metric.replace('_', '-') + "/(macro)");
                assertEquals(pair.get(metric).get("difference").asDouble(),
                        Double.parseDouble(row.get("difference")), TIGHT);
                assertEquals("1000 resamples used", row.get("note"));
            }
        }
        // 2 budgets x 3 pairs x 4 tested tags
        assertEquals(24, checked);
    }

    @Test
    void bootstrapIntervalsMatchNumPyOnTheSameResamples() throws IOException {
        double[][] drawn = NpyMatrix.read(resourcePath("resamples.npy"));
        int[][] rows = new int[drawn.length][];
        for (int r = 0; r < drawn.length; r++) {
            double[] row = drawn[r];
            rows[r] = IntStream.range(0, row.length).map(i -> (int) row[i]).toArray();
        }
        var runs = new org.tagbench.results.FinishedRuns(ResultsStore.existing(url)).ofExperiment("fixture");
        var report = org.tagbench.report.ComparisonReport.of(runs, "k2c2");
        List<org.tagbench.report.PairComparison> pairs;
        try (var progress = org.tagbench.progress.Progress.start("test", runs.size(), "runs")) {
            pairs = new org.tagbench.report.SignificanceTests(n -> org.tagbench.metrics.Resamples.of(n, rows))
                    .of(report.cells(), progress);
        }
        assertEquals(6, pairs.size());
        for (var pair : pairs) {
            JsonNode golden = null;
            for (JsonNode candidate : expected.get("pairs")) {
                if (candidate.get("budget").asLong() == pair.a().budget()
                        && candidate.get("arch_a").asText().equals(pair.a().arch())
                        && candidate.get("arch_b").asText().equals(pair.b().arch())) {
                    golden = candidate;
                }
            }
            assertEquals(golden.get("roc_auc").get("low").asDouble(), pair.bootstrap().rocAuc().low(), TIGHT);
            assertEquals(golden.get("roc_auc").get("high").asDouble(), pair.bootstrap().rocAuc().high(), TIGHT);
            assertEquals(golden.get("pr_auc").get("low").asDouble(), pair.bootstrap().prAuc().low(), TIGHT);
            assertEquals(golden.get("pr_auc").get("high").asDouble(), pair.bootstrap().prAuc().high(), TIGHT);
        }
    }

    @Test
    void everyFileIsThereSvgsParseAndPngsAreAtTwiceTheSize() throws Exception {
        List<String> figures = List.of("auc-vs-params", "auc-vs-time", "per-tag-100k", "per-tag-250k", "curves");
        for (String name : org.tagbench.report.ComparisonReport.FILES) {
            assertTrue(Files.size(report.resolve(name)) > 0, name);
        }
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (String figure : figures) {
            Element svg = factory.newDocumentBuilder().parse(report.resolve(figure + ".svg").toFile())
                    .getDocumentElement();
            assertEquals("svg", svg.getTagName());
            double width = Double.parseDouble(svg.getAttribute("width").replaceAll("[a-z]+$", ""));
            double height = Double.parseDouble(svg.getAttribute("height").replaceAll("[a-z]+$", ""));
            BufferedImage png = ImageIO.read(report.resolve(figure + ".png").toFile());
            assertEquals(2 * width, png.getWidth(), 1, figure);
            assertEquals(2 * height, png.getHeight(), 1, figure);
        }
        String html = Files.readString(report.resolve("index.html"));
        assertEquals(figures.size(), html.split("<svg", -1).length - 1);
        assertFalse(html.contains("src=\"http"), "self-contained");
        assertTrue(compared.out().startsWith("compared 13 runs (3 architectures, 6 cells)"), compared.out());
    }

    @Test
    void theSameSeedGivesTheSameReportAndAnotherSeedOtherIntervals() throws IOException {
        Path again = dir.resolve("again");
        Path other = dir.resolve("other");
        assertEquals(0, CommandRun.of("compare", "--experiment", "fixture", "--out", again.toString(), "--reference",
                "k2c2", "--url", url).code());
        assertEquals(0, CommandRun.of("compare", "--experiment", "fixture", "--out", other.toString(), "--reference",
                "k2c2", "--url", url, "--seed", "17").code());
        String first = Files.readString(report.resolve("significance.csv"));
        assertEquals(first, Files.readString(again.resolve("significance.csv")));
        assertNotEquals(first, Files.readString(other.resolve("significance.csv")));
        // An earlier report is replaced whole.
        assertEquals(0, CommandRun.of("compare", ids.get(0).toString(), ids.get(2).toString(), "--out",
                again.toString(), "--url", url).code());
        assertEquals(2, Files.readAllLines(again.resolve("summary.csv")).size() - 1);
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws IOException {
        ResultsStore store = ResultsStore.existing(url);
        RecordedRuns more = new RecordedRuns(store, dir.resolve("more"));
        JsonNode first = expected.get("runs").get(0);
        long otherData = more.add(fixtureRun(first, "other", "other-data"));
        long missing = more.add(fixtureRun(first, "missing", "fixture-data"));
        long damaged = more.add(fixtureRun(first, "damaged", "fixture-data"));
        Files.delete(dir.resolve("more/run-1/test-scores.npy"));
        byte[] bytes = Files.readAllBytes(dir.resolve("more/run-2/test-scores.npy"));
        bytes[bytes.length - 1] ^= 1;
        Files.write(dir.resolve("more/run-2/test-scores.npy"), bytes);
        Path out = dir.resolve("never");
        String u = url;
        String[][] cases = {
                {"2", "config error: RUN_ID: the runs used different data: runs " + ids.get(0) + " (dataset fingerprint"
                        + " fixture-data), runs " + otherData + " (dataset fingerprint other-data); a significance"
                        + " table pairs runs on the same test tracks, so compare only runs with one dataset"
                        + " fingerprint (name them by id)", ids.get(0).toString(), Long.toString(otherData)},
                {"1", "tagbench: cannot use a file: " + dir.resolve("more/run-1/test-scores.npy") + ": missing: run "
                        + missing + "'s test-scores file, registered in the store", Long.toString(missing)},
                {"1", "tagbench: cannot use a file: " + dir.resolve("more/run-2/test-scores.npy") + ": damaged or"
                        + " truncated (its size or SHA-256 differs from the store's record of run " + damaged
                        + "'s test-scores file)", Long.toString(damaged)},
                {"2", "config error: RUN_ID: 999 is not a run of " + u + " (expected an id that `tagbench runs`"
                        + " lists)", "999"},
                {"2", "config error: --experiment: nothing has no finished runs in " + u + " (expected an experiment"
                        + " name or key that `tagbench runs --status finished` lists)", "--experiment", "nothing"},
                {"2", "config error: --resamples: 999 is too few (expected 1000 or more)", "--resamples", "999",
                        ids.get(0).toString()},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("compare", "--out", out.toString(), "--url", u));
            args.addAll(List.of(c).subList(2, c.length));
            CommandRun run = CommandRun.of(args.toArray(String[]::new));
            assertEquals(Integer.parseInt(c[0]), run.code(), run.err());
            assertEquals(c[1], run.err().strip());
            assertFalse(Files.exists(out), "nothing written");
            try (var left = Files.list(dir)) {
                assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".never")).toList());
            }
        }
        Path notReport = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notReport.resolve("mine.txt"), "a user's file");
        CommandRun refused = CommandRun.of("compare", ids.get(0).toString(), "--out", notReport.toString(), "--url", u);
        assertEquals(1, refused.code());
        assertEquals("tagbench: cannot use a file: " + notReport + ": exists and is neither empty nor a report that"
                + " tagbench compare wrote (expected a new or empty folder, or a report that tagbench compare wrote)", refused.err().strip());
        assertEquals(List.of(notReport.resolve("mine.txt")), Files.list(notReport).toList());
    }

    @Test
    void theReportRendersInHeadlessChromium() throws Exception {
        Path chromium = Stream.of("chromium", "chromium-browser").map(n -> Path.of("/usr/bin", n))
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (chromium == null) {
            String reason = "no Chromium in /usr/bin (Debian: apt-get install chromium)";
            assertNull(System.getenv("CI"), "CI is set: " + reason);
            System.out.println("skipped theReportRendersInHeadlessChromium: " + reason);
            Assumptions.abort(reason);
        }
        Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + dir.resolve("chromium-profile"), "--virtual-time-budget=10000", "--dump-dom",
                report.resolve("index.html").toUri().toString()).redirectError(dir.resolve("chromium.log").toFile())
                .start();
        browser.getOutputStream().close();
        String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(browser.waitFor(120, TimeUnit.SECONDS), "Chromium ended");
        assertEquals(0, browser.exitValue(), Files.readString(dir.resolve("chromium.log")));
        // Every figure laid out with a width, every table with rows, and no script error.
        assertTrue(dom.contains("<p id=\"rendered\">rendered: 5 figures, 8 tables</p>"),
                dom.substring(Math.max(0, dom.length() - 600)));
    }

    /** The fixture's run {@code run} in experiment {@code experiment}, on data with fingerprint {@code data}. */
    static RecordedRuns.Run fixtureRun(JsonNode run, String experiment, String data) throws IOException {
        double[][] scores = NpyMatrix.read(resourcePath(run.get("scores").asText()));
        double[][] labelValues = NpyMatrix.read(resourcePath("labels.npy"));
        boolean[][] labels = new boolean[labelValues.length][labelValues[0].length];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < labels[i].length; j++) {
                labels[i][j] = labelValues[i][j] != 0;
            }
        }
        List<String> tracks = IntStream.range(0, scores.length).mapToObj(i -> "T" + i).toList();
        List<String> tags = new ArrayList<>();
        expected.get("tags").forEach(t -> tags.add(t.asText()));
        List<EpochRecord> epochs = new ArrayList<>();
        for (JsonNode e : run.get("epochs")) {
            epochs.add(new EpochRecord(e.get("epoch").asInt(), e.get("train_loss").asDouble(),
                    e.get("valid_loss").asDouble(), e.get("valid_roc_auc").asDouble(), Double.NaN, 1e-3,
                    e.get("seconds").asDouble(), 100));
        }
        return new RecordedRuns.Run(experiment, run.get("arch").asText(), run.get("budget").asLong(),
                run.get("params").asLong(), run.get("seed").asLong(), data, tags,
                new TrackScores(tracks, scores, labels), epochs);
    }

    /** The rows of a CSV file (no quoted commas in these), keyed by the values of {@code key} joined by '/'. */
    static Map<String, Map<String, String>> csv(Path file, String... key) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c]);
            }
            rows.put(String.join("/", List.of(key).stream().map(row::get).toList()), row);
        }
        return rows;
    }

    private static InputStream resource(String name) {
        return CompareCommandTest.class.getResourceAsStream("/report/" + name);
    }

    private static Path resourcePath(String name) {
        return Path.of("src/test/resources/report", name);
    }
}
