package org.tagbench.report;

/** Text made safe for HTML. */
final class Html {
    private Html() {
    }

    /** {@code text} with HTML's special characters escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
