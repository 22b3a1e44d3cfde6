package org.tagbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The report's {@code index.html}: one self-contained page (figures as inline SVG, tables, no external file), readable
 * offline in any browser. A few lines of script count the figures and tables that rendered into the page's footer,
 * so that a headless browser can tell a page that rendered from one that did not.
 */
record HtmlPage(ReportText text, List<SummaryRow> summary, List<PairComparison> pairs, List<Figure> figures) {
    private static final String STYLE = "body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;"
            + "color:#222}table{border-collapse:collapse;margin:1em 0;font-size:14px}th,td{border:1px solid #ccc;"
            + "padding:3px 8px}td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}"
            + "figure{margin:1.5em 0}figure svg{max-width:100%;height:auto}figcaption{color:#555}";
    private static final String CHECK = "window.addEventListener('error',function(e){"
            + "document.getElementById('rendered').textContent='error: '+e.message;});"
            + "window.addEventListener('load',function(){var f=0,t=0;"
            + "document.querySelectorAll('figure svg').forEach(function(s){if(s.getBoundingClientRect().width>0)f++;});"
            + "document.querySelectorAll('table').forEach(function(x){if(x.rows.length>1)t++;});"
            + "document.getElementById('rendered').textContent='rendered: '+f+' figures, '+t+' tables';});";

    /** The page, with the SVG figures that {@code folder} holds inlined. */
    String render(Path folder) throws IOException {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>tagbench comparison</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n"
                + "<h1>tagbench comparison</h1>\n<p>" + Html.escape(text.heading()) + "</p>\n<h2>Summary</h2>\n"
                + "<p>Test macro ROC-AUC and PR-AUC: mean over seeds ± half-width of the 95% interval;"
                + " n seeds.</p>\n");
        out.append(SummaryTables.markdown(summary).html());
        out.append("<h2>Figures</h2>\n");
        for (Figure figure : figures) {
            out.append("<figure id=\"").append(figure.name()).append("\">\n").append(svg(folder, figure))
                    .append("\n<figcaption>").append(figure.name()).append(" (also ").append(figure.name())
                    .append(".png and .svg)</figcaption>\n</figure>\n");
        }
        out.append("<h2>Significance</h2>\n<p>").append(Html.escape(text.method())).append("</p>\n")
                .append(SignificanceTables.macros(pairs).html());
        for (PairComparison pair : pairs) {
            out.append("<details><summary>").append(Html.escape(pair.a().arch() + " vs " + pair.b().arch() + " at "
                    + pair.a().budgetLabel() + ": DeLong per tag")).append("</summary>\n")
                    .append(SignificanceTables.tags(pair).html()).append("</details>\n");
        }
        out.append("<footer><p id=\"rendered\">not rendered by a browser with scripts</p></footer>\n<script>")
                .append(CHECK).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    /** The figure's SVG without its XML declaration and doctype, so that it can stand inside HTML. */
    private static String svg(Path folder, Figure figure) throws IOException {
        String svg = Files.readString(folder.resolve(figure.name() + ".svg"), StandardCharsets.UTF_8);
        int start = svg.indexOf("<svg");
        return svg.substring(start);
    }
}
