package org.tagbench.results;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A results store being opened ({@link ResultsStore#open}) on a thread of its own. Opening takes a tenth of a second,
 * and half a second for a new store (Flyway creates its schema): time a run spends loading its engine instead of
 * waiting (docs/benchmarks.md, "Results store").
 */
public final class StoreOpening {
    private static final Logger LOG = LoggerFactory.getLogger(StoreOpening.class);
    private final CompletableFuture<ResultsStore> store = new CompletableFuture<>();
    private final String url;
    private final long began = System.nanoTime();
    private volatile long openedNanos;

    private StoreOpening(String url) {
        this.url = url;
    }

    /** Starts opening the store at {@code url}. */
    public static StoreOpening start(String url) {
        StoreOpening opening = new StoreOpening(url);
        Thread thread = new Thread(opening::open, "tagbench-store");
        thread.setDaemon(true);
        thread.start();
        return opening;
    }

    private void open() {
        try {
            ResultsStore opened = ResultsStore.open(url);
            openedNanos = System.nanoTime() - began;
            store.complete(opened);
        } catch (Throwable e) {
            store.completeExceptionally(e);
        }
    }

    /** The store once open; a store that could not be opened, migrated or written fails here as it failed there. */
    public ResultsStore await() throws IOException {
        long begin = System.nanoTime();
        try {
            ResultsStore opened = store.join();
            LOG.debug("results store {}: opened in {} s on its own thread; waited {} s for it", url,
                    seconds(openedNanos), seconds(System.nanoTime() - begin));
            return opened;
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.getCause();
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }
}
