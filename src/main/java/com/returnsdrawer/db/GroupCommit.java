package com.returnsdrawer.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit: units submitted while every writer is busy wait in a queue, and the next free writer takes all
 * of them (up to {@code maxGroup}) as one group, so a burst costs one transaction per group instead of one per
 * unit. Nothing waits for a group to fill: a unit that arrives when a writer is idle is written at once, alone.
 * Each unit's future completes only after its group's {@link Writer} has decided it (normally after the commit).
 *
 * @param <U> a unit of work
 * @param <R> its result
 */
public final class GroupCommit<U, R> implements AutoCloseable {

    /** Writes one group; must complete every unit's future, normally or exceptionally. */
    @FunctionalInterface
    public interface Writer<U, R> {
        void write(List<Pending<U, R>> group);
    }

    /** A submitted unit and the future its submitter waits on. */
    public static final class Pending<U, R> {
        private final U unit;
        private final CompletableFuture<R> result = new CompletableFuture<>();

        private Pending(U unit) {
            this.unit = unit;
        }

        public U unit() {
            return unit;
        }

        public void complete(R value) {
            result.complete(value);
        }

        public void fail(Throwable error) {
            result.completeExceptionally(error);
        }

        public boolean done() {
            return result.isDone();
        }
    }

    private static final long POLL_MILLIS = 200;

    private final BlockingQueue<Pending<U, R>> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final int maxGroup;
    private final Writer<U, R> writer;
    private final AtomicLong taken = new AtomicLong();
    private volatile boolean closed;

    public GroupCommit(String name, int writers, int maxGroup, Writer<U, R> writer) {
        if (writers < 1 || maxGroup < 1) {
            throw new IllegalArgumentException("writers and maxGroup must be at least 1");
        }
        this.maxGroup = maxGroup;
        this.writer = writer;
        for (int i = 0; i < writers; i++) {
            Thread thread = new Thread(this::run, name + "-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Queues {@code unit}; the future fails with {@link RejectedExecutionException} once closed. */
    public CompletableFuture<R> submit(U unit) {
        Pending<U, R> pending = new Pending<>(unit);
        if (closed) {
            pending.fail(new RejectedExecutionException("shutting down"));
            return pending.result;
        }
        queue.add(pending);
        if (closed && queue.remove(pending)) {
            pending.fail(new RejectedExecutionException("shutting down"));
        }
        return pending.result;
    }

    private void run() {
        List<Pending<U, R>> group = new ArrayList<>(maxGroup);
        while (true) {
            Pending<U, R> first;
            try {
                first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = queue.poll();
            }
            if (first == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            group.add(first);
            queue.drainTo(group, maxGroup - 1);
            taken.addAndGet(group.size());
            try {
                writer.write(group);
            } catch (RuntimeException | Error e) {
                for (Pending<U, R> pending : group) {
                    pending.fail(e);
                }
            } finally {
                for (Pending<U, R> pending : group) {
                    if (!pending.done()) {
                        pending.fail(new IllegalStateException("the group writer left a unit undecided"));
                    }
                }
                group.clear();
            }
        }
    }

    /** Units waiting for a writer. */
    public int queued() {
        return queue.size();
    }

    /** Units handed to a writer so far. */
    public long taken() {
        return taken.get();
    }

    /** Writes what is queued, then stops the writers (waiting at most {@code timeoutMillis} for them). */
    public void close(long timeoutMillis) {
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Pending<U, R> left; (left = queue.poll()) != null; ) {
            left.fail(new RejectedExecutionException("shutting down"));
        }
    }

    @Override
    public void close() {
        close(10_000);
    }
}
