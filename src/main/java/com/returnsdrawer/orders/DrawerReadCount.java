package com.returnsdrawer.orders;

import jakarta.inject.Singleton;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many drawer reads (list and detail pages) this instance has served: a bulk import compares the count before and
 * after each batch and gives the cores back to shoppers in proportion (docs/performance.md, "Bulk import").
 */
@Singleton
public class DrawerReadCount {

    private final LongAdder reads = new LongAdder();

    void read() {
        reads.increment();
    }

    /** Drawer reads served so far. */
    public long count() {
        return reads.sum();
    }
}
