package org.tagbench.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tagbench.config.SyntaxProblem;
import org.tagbench.files.NpyMatrix;

/**
 * A tracks x tags matrix of scores or 0/1 labels, from a NumPy {@code .npy} file (any numeric or bool dtype) or
 * a CSV/TSV file whose first row may name the tags. Problems are {@link IllegalArgumentException}s whose one-line
 * message names the file.
 */
public record ScoreMatrix(List<String> tags, double[][] values) {
    public ScoreMatrix {
        tags = List.copyOf(tags);
    }

    /** Reads {@code file} by its extension: {@code .npy}, {@code .tsv}, anything else as CSV; it must have rows. */
    public static ScoreMatrix read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": file not found");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ScoreMatrix matrix = name.endsWith(".npy") ? npy(file) : delimited(file, name.endsWith(".tsv") ? '\t' : ',');
        if (matrix.rows() == 0) {
            throw new IllegalArgumentException(file + ": no rows" + (matrix.tags().isEmpty() ? ""
                    : " (only a header of " + matrix.tags().size() + " tag names)") + ", expected one row per track");
        }
        if (matrix.columns() == 0) {
            throw new IllegalArgumentException(file + ": no columns, expected one column per tag");
        }
        return matrix;
    }

    /** Number of rows (tracks). */
    public int rows() {
        return values.length;
    }

    /** Number of columns (tags). */
    public int columns() {
        return values.length == 0 ? 0 : values[0].length;
    }

    /** The values as scores, read from {@code file}; none may be NaN. */
    public double[][] scores(Path file) {
        for (int r = 0; r < rows(); r++) {
            for (int c = 0; c < columns(); c++) {
                if (Double.isNaN(values[r][c])) {
                    throw new IllegalArgumentException(file + ": value NaN at row " + (r + 1) + ", column " + (c + 1)
                            + " is not a score (expected a number)");
                }
            }
        }
        return values;
    }

    /** The values as labels; every value must be 0 or 1. */
    public boolean[][] labels(Path file) {
        boolean[][] labels = new boolean[rows()][columns()];
        for (int r = 0; r < rows(); r++) {
            for (int c = 0; c < columns(); c++) {
                double v = values[r][c];
                if (v != 0 && v != 1) {
                    throw new IllegalArgumentException(file + ": value " + v + " at row " + (r + 1) + ", column "
                            + (c + 1) + " is not a label (expected 0 or 1)");
                }
                labels[r][c] = v == 1;
            }
        }
        return labels;
    }

    private static ScoreMatrix npy(Path file) {
        try {
            return new ScoreMatrix(List.of(), NpyMatrix.read(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    private static ScoreMatrix delimited(Path file, char separator) {
        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<String[]> rows;
        try (MappingIterator<String[]> it = csv.readerFor(String[].class)
                .with(CsvSchema.emptySchema().withColumnSeparator(separator)).readValues(file.toFile())) {
            rows = it.readAll();
        } catch (IOException e) {
            // Jackson's own message, without the location and reference chain it appends for programmers.
            String fault = e instanceof JsonProcessingException json ? SyntaxProblem.reason(json) : e.getMessage();
            throw new IllegalArgumentException(file + ": not a delimited text table of numbers (expected CSV or TSV"
                    + " text, or a .npy file; " + fault + ")");
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": empty, expected a tracks x tags matrix");
        }
        boolean header = !isNumber(rows.get(0)[0].strip());
        List<String> tags = header ? Arrays.stream(rows.get(0)).map(String::strip).toList() : List.of();
        List<String[]> body = header ? rows.subList(1, rows.size()) : rows;
        int columns = rows.get(0).length;
        double[][] values = new double[body.size()][columns];
        for (int r = 0; r < body.size(); r++) {
            String[] row = body.get(r);
            int line = r + (header ? 2 : 1);
            if (row.length != columns) {
                throw new IllegalArgumentException(file + ": line " + line + " has " + row.length + " values, expected "
                        + columns);
            }
            for (int c = 0; c < columns; c++) {
                String cell = row[c].strip();
                if (!isNumber(cell)) {
                    throw new IllegalArgumentException(file + ": line " + line + ", column " + (c + 1) + ": \""
                            + cell + "\" is not a number");
                }
                values[r][c] = Double.parseDouble(cell);
            }
        }
        return new ScoreMatrix(tags, values);
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
