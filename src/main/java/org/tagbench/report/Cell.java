package org.tagbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tagbench.results.FinishedRun;

/** The runs of one architecture at one parameter budget: its seeds. */
public record Cell(String arch, long budget, List<FinishedRun> runs) {
    public Cell {
        runs = List.copyOf(runs);
    }

    /**
     * {@code runs} in cells, by budget, then architecture in {@code archOrder}, each cell's runs by seed.
     */
    public static List<Cell> of(List<FinishedRun> runs, List<String> archOrder) {
        Map<String, List<FinishedRun>> byCell = new LinkedHashMap<>();
        runs.stream().sorted(Comparator.comparingLong(FinishedRun::budget)
                        .thenComparingInt(r -> archOrder.indexOf(r.arch()))
                        .thenComparingLong(FinishedRun::seed).thenComparingLong(FinishedRun::id))
                .forEach(r -> byCell.computeIfAbsent(r.arch() + "\u0000" + r.budget(), k -> new ArrayList<>()).add(r));
        return byCell.values().stream().map(c -> new Cell(c.get(0).arch(), c.get(0).budget(), c)).toList();
    }

    /** The budget as people write it (250k, 1M). */
    public String budgetLabel() {
        return Budgets.label(budget);
    }

    /** The seeds of the cell's runs, in order, e.g. {@code 1 2 3}. */
    public String seeds() {
        return String.join(" ", runs.stream().map(r -> Long.toString(r.seed())).toList());
    }
}
