package org.tagbench.data;

import java.util.Locale;

/** The three parts of a tagging dataset. */
public enum Split {
    TRAIN, VALID, TEST;

    /** The lower-case name used in tag tables, configs and reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
