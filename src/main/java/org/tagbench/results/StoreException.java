package org.tagbench.results;

import java.sql.SQLException;

/**
 * The results store cannot be used: unreachable, not a database, read-only, full, made by a newer tagbench. The
 * message is one line naming the store and what is wrong.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String problem;

    StoreException(String store, String problem, Throwable cause) {
        super("results store " + store + ": " + problem, cause);
        this.problem = problem;
    }

    /** What is wrong, without the store's name. */
    String reason() {
        return problem;
    }

    /** {@code e}, from the store at {@code store}, in one line: the database's own words for what went wrong. */
    static StoreException of(String store, Throwable e) {
        return new StoreException(store, reason(e), e);
    }

    /** The first line of the deepest SQL message in {@code e}'s chain, else of {@code e}'s own message. */
    private static String reason(Throwable e) {
        Throwable best = e;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException && cause.getMessage() != null) {
                best = cause;
            }
        }
        String message = best.getMessage() != null ? best.getMessage() : best.getClass().getSimpleName();
        return message.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse(message);
    }
}
