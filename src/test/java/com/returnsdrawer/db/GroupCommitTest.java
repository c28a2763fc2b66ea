package com.returnsdrawer.db;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupCommitTest {

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "timed out");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(5);
        }
    }

    @Test
    void unitsQueuedWhileTheWriterIsBusyAreWrittenTogetherAndEachGetsItsOwnResult() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> groups = new CopyOnWriteArrayList<>();
        try (GroupCommit<Integer, String> commit = new GroupCommit<>("test", 1, 32, group -> {
            groups.add(group.stream().map(GroupCommit.Pending::unit).toList());
            if (groups.size() == 1) {
                firstStarted.countDown();
                await(release);
            }
            group.forEach(p -> p.complete("done " + p.unit()));
        })) {
            CompletableFuture<String> first = commit.submit(0);
            await(firstStarted);
            List<CompletableFuture<String>> burst = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                burst.add(commit.submit(i));
            }
            assertEquals(5, commit.queued());
            release.countDown();
            assertEquals("done 0", first.get(10, TimeUnit.SECONDS));
            for (int i = 1; i <= 5; i++) {
                assertEquals("done " + i, burst.get(i - 1).get(10, TimeUnit.SECONDS));
            }
            assertEquals(List.of(List.of(0), List.of(1, 2, 3, 4, 5)), groups);
            assertEquals(6, commit.taken());
        }
    }

    @Test
    void aGroupIsNeverLargerThanMaxGroup() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("test", 1, 3, group -> {
            if (sizes.isEmpty()) {
                await(release);
            }
            sizes.add(group.size());
            group.forEach(p -> p.complete(p.unit()));
        })) {
            List<CompletableFuture<Integer>> all = new ArrayList<>();
            all.add(commit.submit(0));
            until(() -> commit.taken() == 1);
            for (int i = 1; i <= 7; i++) {
                all.add(commit.submit(i));
            }
            release.countDown();
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i, all.get(i).get(10, TimeUnit.SECONDS));
            }
            assertEquals(List.of(1, 3, 3, 1), sizes);
        }
    }

    @Test
    void aWriterThatThrowsFailsItsWholeGroupAndKeepsWriting() throws Exception {
        try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("test", 1, 32, group -> {
            if (group.get(0).unit() < 0) {
                throw new IllegalArgumentException("negative");
            }
            group.forEach(p -> p.complete(p.unit()));
        })) {
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> commit.submit(-1).get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalArgumentException.class, failed.getCause());
            assertEquals(4, commit.submit(4).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aUnitTheWriterLeavesUndecidedFailsInsteadOfHanging() {
        try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("test", 1, 32, group -> { })) {
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> commit.submit(1).get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, failed.getCause());
        }
    }

    @Test
    void closingWritesWhatIsQueuedAndRejectsWhatComesAfter() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer, Integer> commit = new GroupCommit<>("test", 1, 32, group -> {
            if (group.get(0).unit() == 0) {
                firstStarted.countDown();
                await(release);
            }
            group.forEach(p -> p.complete(p.unit() * 10));
        });
        CompletableFuture<Integer> first = commit.submit(0);
        await(firstStarted);
        CompletableFuture<Integer> queued = commit.submit(7);
        Thread closer = new Thread(() -> commit.close(10_000));
        closer.start();
        until(() -> closer.getState() == Thread.State.TIMED_WAITING || closer.getState() == Thread.State.WAITING);
        ExecutionException rejected = assertThrows(ExecutionException.class,
                () -> commit.submit(8).get(10, TimeUnit.SECONDS));
        assertInstanceOf(RejectedExecutionException.class, rejected.getCause());
        release.countDown();
        closer.join(10_000);
        assertEquals(0, first.get(10, TimeUnit.SECONDS));
        assertEquals(70, queued.get(10, TimeUnit.SECONDS));
    }

    @Test
    void pastItsBytesTheQueueRefusesAndAUnitThatWaitedTooLongIsNeverWritten() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> written = new CopyOnWriteArrayList<>();
        GroupCommit.Bounds<Integer> bounds = new GroupCommit.Bounds<>(250, java.time.Duration.ofMillis(300), unit -> 100);
        try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("test", 1, 32, bounds, group -> {
            if (group.get(0).unit() == 0) {
                firstStarted.countDown();
                await(release);
            }
            group.forEach(p -> {
                written.add(p.unit());
                p.complete(p.unit());
            });
        })) {
            CompletableFuture<Integer> first = commit.submit(0);
            await(firstStarted);
            CompletableFuture<Integer> a = commit.submit(1);
            CompletableFuture<Integer> b = commit.submit(2);
            ExecutionException full = assertThrows(ExecutionException.class, () -> commit.submit(3).get(1, TimeUnit.SECONDS));
            assertInstanceOf(GroupCommit.Overloaded.class, full.getCause());
            assertEquals(false, ((GroupCommit.Overloaded) full.getCause()).waitedTooLong());
            assertEquals(200, commit.queuedBytes());

            Thread.sleep(400);
            release.countDown();
            assertEquals(0, first.get(10, TimeUnit.SECONDS));
            for (CompletableFuture<Integer> late : List.of(a, b)) {
                ExecutionException waited = assertThrows(ExecutionException.class, () -> late.get(10, TimeUnit.SECONDS));
                assertEquals(true, ((GroupCommit.Overloaded) waited.getCause()).waitedTooLong());
            }
            assertEquals(List.of(0), written);
            assertEquals(0, commit.queuedBytes());
            assertEquals(4, commit.submit(4).get(10, TimeUnit.SECONDS), "the queue takes units again");
        }
    }
}
