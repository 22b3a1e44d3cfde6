package org.tagbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table of a report, written as CSV (numbers in full precision, NaN empty), Markdown and HTML (numbers to four
 * decimals, NaN as a dash). Cells are strings, whole numbers or doubles.
 */
public record Table(List<String> header, List<List<Object>> rows) {
    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(r -> (List<Object>) new ArrayList<>(r)).toList();
        for (List<Object> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(row.size() + " cells in a row of a table of " + header.size()
                        + " columns");
            }
        }
    }

    /** RFC 4180 CSV with a header line. */
    public String csv() {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", header.stream().map(Table::csvText).toList())).append('\n');
        for (List<Object> row : rows) {
            out.append(String.join(",", row.stream().map(Table::csvCell).toList())).append('\n');
        }
        return out.toString();
    }

    /** A GitHub-flavoured Markdown table. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|").append("---|".repeat(header.size())).append('\n');
        for (List<Object> row : rows) {
            out.append("| ").append(String.join(" | ", row.stream().map(c -> shown(c).replace("|", "\\|"))
                    .toList())).append(" |\n");
        }
        return out.toString();
    }

    /** An HTML table. */
    public String html() {
        StringBuilder out = new StringBuilder("<table>\n<thead><tr>");
        header.forEach(h -> out.append("<th>").append(Html.escape(h)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (List<Object> row : rows) {
            out.append("<tr>");
            row.forEach(c -> out.append(c instanceof Number ? "<td class=\"n\">" : "<td>")
                    .append(Html.escape(shown(c))).append("</td>"));
            out.append("</tr>\n");
        }
        return out.append("</tbody>\n</table>\n").toString();
    }

    /** A cell as people read it. */
    static String shown(Object cell) {
        if (cell instanceof Double d) {
            return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.4f", d);
        }
        return String.valueOf(cell);
    }

    private static String csvCell(Object cell) {
        if (cell instanceof Double d) {
            return Double.isNaN(d) ? "" : Double.toString(d);
        }
        return csvText(String.valueOf(cell));
    }

    private static String csvText(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
