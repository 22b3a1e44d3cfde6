package org.tagbench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tagbench.config.ConfigException;

/**
 * Which runs {@code tagbench runs} lists: of an experiment (its name or its key), of a status, and whose values match
 * every {@code key=value}: a dotted config key ({@code model.params=250000}, {@code training.optimizer.lr=1e-3},
 * numbers compared as numbers) or a column of the run ({@code arch}, {@code engine}, {@code host}, ...).
 */
public record RunFilter(String experiment, String status, List<String> where) {
    /** The run columns {@code --where} takes by name. */
    static final Set<String> COLUMNS = Set.of("id", "uid", "experiment", "run_name", "experiment_key", "config_hash",
            "arch", "budget", "params", "engine", "seed", "dataset", "dataset_fingerprint", "host", "git_commit",
            "tagbench_version", "backend");
    private static final Set<String> NUMBERS = Set.of("id", "budget", "params", "seed");
    /** The statuses a run can have; {@code stale} is {@code running} without a recent heartbeat. */
    static final List<String> STATUSES = List.of("running", "stale", "finished", "failed", "interrupted");

    /** Checks the status and each condition's form. */
    public RunFilter {
        where = List.copyOf(where);
        if (status != null && !STATUSES.contains(status)) {
            throw new ConfigException("--status", status + " is not a status (expected one of "
                    + String.join(", ", STATUSES) + ")");
        }
        for (String condition : where) {
            int eq = condition.indexOf('=');
            String key = eq > 0 ? condition.substring(0, eq) : "";
            if (eq <= 0 || !key.contains(".") && !COLUMNS.contains(key)) {
                throw new ConfigException("--where", condition + " is not a condition (expected KEY=VALUE with a"
                        + " dotted config key such as model.params, or one of " + String.join(", ",
                        COLUMNS.stream().sorted().toList()) + ")");
            }
        }
    }

    /** All runs. */
    public static RunFilter all() {
        return new RunFilter(null, null, List.of());
    }

    /** The SQL conditions (joined by AND, after WHERE) and their arguments, in order. */
    String sql(String now, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        conditions.add("1 = 1");
        if (experiment != null) {
            conditions.add("(r.experiment = ? OR r.experiment_key = ?)");
            args.add(experiment);
            args.add(experiment);
        }
        if (status != null) {
            String live = "r.heartbeat_ms >= " + now + " - 3000 * r.heartbeat_seconds";
            conditions.add(switch (status) {
                case "running" -> "r.status = 'running' AND " + live;
                case "stale" -> "r.status = 'running' AND NOT (" + live + ")";
                default -> "r.status = ?";
            });
            if (!status.equals("running") && !status.equals("stale")) {
                args.add(status);
            }
        }
        for (String condition : where) {
            int eq = condition.indexOf('=');
            String key = condition.substring(0, eq);
            String value = condition.substring(eq + 1);
            Double number = number(value);
            if (key.contains(".")) {
                conditions.add("EXISTS (SELECT 1 FROM run_params p WHERE p.run_id = r.id AND p.name = ? AND "
                        + (number != null ? "(p.number = ? OR p.value = ?)" : "p.value = ?") + ")");
                args.add(key);
                if (number != null) {
                    args.add(number);
                }
                args.add(value);
            } else if (NUMBERS.contains(key)) {
                if (number == null) {
                    throw new ConfigException("--where", condition + ": " + key + " is a number (got " + value + ")");
                }
                conditions.add("r." + key + " = ?");
                args.add(number);
            } else {
                conditions.add("r." + key + " = ?");
                args.add(value);
            }
        }
        return String.join(" AND ", conditions.stream().map(c -> "(" + c + ")").toList());
    }

    private static Double number(String text) {
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
