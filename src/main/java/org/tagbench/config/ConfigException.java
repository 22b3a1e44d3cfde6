package org.tagbench.config;

/**
 * A config that cannot be used. The message is one line, {@code config error: <where>: <problem>}, where
 * {@code where} is the dotted snake_case key path as the user wrote it, a file (and line), or an override.
 */
public final class ConfigException extends RuntimeException {
    private final String where;
    private final String problem;

    /** A problem at {@code where}, a key path relative to the section that raises it (empty: the section itself). */
    public ConfigException(String where, String problem) {
        super("config error: " + (where.isEmpty() ? "" : where + ": ") + problem);
        this.where = where;
        this.problem = problem;
    }

    /** Where the problem is: a dotted key path, a file (and line), or an override; empty for the section itself. */
    public String where() {
        return where;
    }

    /** What is wrong, without where. */
    public String problem() {
        return problem;
    }

    /** The same problem seen from the config root, where the raising section sits at key path {@code section}. */
    ConfigException within(String section) {
        if (section.isEmpty()) {
            return this;
        }
        return new ConfigException(where.isEmpty() ? section : section + "." + where, problem);
    }
}
