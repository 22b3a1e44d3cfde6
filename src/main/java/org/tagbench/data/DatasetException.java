package org.tagbench.data;

/** A dataset that cannot be used as given (a bad tag table, a split with no usable audio), in one line. */
public final class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A dataset problem described by {@code message}, which names the file or split and what was expected. */
    public DatasetException(String message) {
        super(message);
    }
}
