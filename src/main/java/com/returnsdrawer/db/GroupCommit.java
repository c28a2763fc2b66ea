package com.returnsdrawer.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * Group commit: units submitted while every writer is busy wait in a queue, and the next free writer takes all
 * of them (up to {@code maxGroup}) as one group, so a burst costs one transaction per group instead of one per
 * unit. Nothing waits for a group to fill: a unit that arrives when a writer is idle is written at once, alone.
 * Each unit's future completes only after its group's {@link Writer} has decided it (normally after the commit).
 * The queue can be bounded ({@link Bounds}): by the bytes its units weigh, and by how long a unit may wait for a
 * writer; a unit over either bound fails with {@link Overloaded} and is never written.
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

    /**
     * Limits of the queue: at most {@code maxQueuedBytes} of units (as {@code weight} weighs them) wait at once, and
     * none waits longer than {@code maxWait} for a writer.
     */
    public record Bounds<U>(long maxQueuedBytes, Duration maxWait, ToLongFunction<U> weight) {
        public static <U> Bounds<U> none() {
            return new Bounds<>(Long.MAX_VALUE, Duration.ofDays(365), unit -> 0);
        }
    }

    /** A unit refused because the queue was full, or dropped because it waited too long: it was not written. */
    public static final class Overloaded extends RuntimeException {
        private final boolean waitedTooLong;

        private Overloaded(boolean waitedTooLong) {
            super(waitedTooLong ? "waited too long for a writer" : "queue full", null, false, false);
            this.waitedTooLong = waitedTooLong;
        }

        /** True when the unit waited too long; false when the queue was full. */
        public boolean waitedTooLong() {
            return waitedTooLong;
        }
    }

    /** A submitted unit and the future its submitter waits on. */
    public static final class Pending<U, R> {
        private final U unit;
        private final long weight;
        private final long queuedAt = System.nanoTime();
        private long waitedNanos;
        private final CompletableFuture<R> result = new CompletableFuture<>();

        private Pending(U unit, long weight) {
            this.unit = unit;
            this.weight = weight;
        }

        public U unit() {
            return unit;
        }

        /** How long the unit waited in the queue before a writer took it. */
        public long waitedNanos() {
            return waitedNanos;
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
    private final Bounds<U> bounds;
    private final long maxWaitNanos;
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile boolean closed;

    public GroupCommit(String name, int writers, int maxGroup, Writer<U, R> writer) {
        this(name, writers, maxGroup, Bounds.none(), writer);
    }

    public GroupCommit(String name, int writers, int maxGroup, Bounds<U> bounds, Writer<U, R> writer) {
        if (writers < 1 || maxGroup < 1) {
            throw new IllegalArgumentException("writers and maxGroup must be at least 1");
        }
        this.maxGroup = maxGroup;
        this.writer = writer;
        this.bounds = bounds;
        this.maxWaitNanos = bounds.maxWait().toNanos();
        for (int i = 0; i < writers; i++) {
            Thread thread = new Thread(this::run, name + "-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * Queues {@code unit}; the future fails with {@link RejectedExecutionException} once closed, and with
     * {@link Overloaded} when the queue is full or the unit waits longer than the bounds allow.
     */
    public CompletableFuture<R> submit(U unit) {
        Pending<U, R> pending = new Pending<>(unit, bounds.weight().applyAsLong(unit));
        if (closed) {
            pending.fail(new RejectedExecutionException("shutting down"));
            return pending.result;
        }
        if (queuedBytes.addAndGet(pending.weight) > bounds.maxQueuedBytes() && pending.weight > 0) {
            queuedBytes.addAndGet(-pending.weight);
            pending.fail(new Overloaded(false));
            return pending.result;
        }
        queue.add(pending);
        if (closed && queue.remove(pending)) {
            queuedBytes.addAndGet(-pending.weight);
            pending.fail(new RejectedExecutionException("shutting down"));
        }
        return pending.result;
    }

    /** Takes the units out of the queue's accounting; drops (fails) those that waited too long. */
    private void take(List<Pending<U, R>> group) {
        long now = System.nanoTime();
        group.removeIf(pending -> {
            queuedBytes.addAndGet(-pending.weight);
            pending.waitedNanos = now - pending.queuedAt;
            if (pending.waitedNanos > maxWaitNanos) {
                pending.fail(new Overloaded(true));
                return true;
            }
            return false;
        });
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
            take(group);
            if (group.isEmpty()) {
                continue;
            }
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

    /** Bytes (as the bounds weigh them) of the units waiting for a writer. */
    public long queuedBytes() {
        return queuedBytes.get();
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
            queuedBytes.addAndGet(-left.weight);
            left.fail(new RejectedExecutionException("shutting down"));
        }
    }

    @Override
    public void close() {
        close(10_000);
    }
}
