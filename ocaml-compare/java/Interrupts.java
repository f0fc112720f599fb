import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

/**
 * Cancellation in Java: a thread's interrupt status.
 *
 * <pre>
 *     java Interrupts.java main         the source's main: interrupt() at 35ms
 *     java Interrupts.java after-step   interrupt as soon as step 2 is reported
 *     java Interrupts.java future       Future.cancel(true) at 35ms
 *     java Interrupts.java swallow      an interrupt swallowed, and restored
 *     java Interrupts.java wake         steps of 10s, interrupt() at 35ms: ends at once
 *     java Interrupts.java sums         cancellableSum: the lines of Go's Sums scenario
 * </pre>
 *
 * Every thread has a token of its own: its interrupt status. t.interrupt()
 * sets it and wakes t if it is blocked in sleep, wait or join, which then
 * throw InterruptedException and clear the status. The thread checks with
 * Thread.currentThread().isInterrupted(), which leaves it as it is.
 */
public class Interrupts {
    /** How long one step works, as Go's StepDuration. */
    static final long STEP_MILLIS = 10;

    /** A task stopped because its thread was interrupted. */
    static final class Cancelled extends Exception {
        Cancelled(int step, InterruptedException cause) {
            super("cancelled at step " + step, cause);
        }
    }

    /** A task that may stop with Cancelled. */
    interface Task {
        String run() throws Cancelled;
    }

    // @begin long_task
    static String longTask(int steps, long stepMillis, IntConsumer onStep) throws Cancelled {
        for (int i = 0; i < steps; i++) {
            if (Thread.currentThread().isInterrupted()) { // the check
                throw new Cancelled(i, null);
            }
            try {
                Thread.sleep(stepMillis); // the work: interrupt() wakes it
            } catch (InterruptedException e) { // which clears the status:
                Thread.currentThread().interrupt(); // set it again for the caller
                throw new Cancelled(i, e);
            }
            System.out.println("Step " + i + " complete");
            onStep.accept(i);
        }
        return "completed all " + steps + " steps";
    }
    // @end long_task

    static void report(Task task) {
        try {
            System.out.println("Success: " + task.run());
        } catch (Cancelled e) {
            System.out.println("Cancelled: " + e.getMessage());
        }
    }

    // @begin main
    static void sourceMain() throws Exception {
        Thread worker = new Thread(() -> report(() -> longTask(10, STEP_MILLIS, i -> {})));
        worker.start();
        Thread.sleep(35);
        System.out.println("Cancelling...");
        worker.interrupt();
        worker.join();
        // This thread was never interrupted: the task runs to the end.
        System.out.println("Result: " + longTask(3, STEP_MILLIS, i -> {}));
    }
    // @end main

    static void afterStep() {
        report(() -> longTask(10, STEP_MILLIS, i -> {
            if (i == 2) {
                System.out.println("Cancelling...");
                Thread.currentThread().interrupt();
            }
        }));
    }

    // @begin future
    static void futureCancel() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<String> future = pool.submit(() -> longTask(10, STEP_MILLIS, i -> {}));
        Thread.sleep(35);
        System.out.println("Cancelling...");
        future.cancel(true); // true: interrupt the thread that runs the task
        try {
            System.out.println("Success: " + future.get());
        } catch (CancellationException e) { // the task's own Cancelled is lost
            System.out.println("Cancelled: future.get() threw CancellationException");
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
    // @end future

    // @begin swallow
    /** The pitfall: sleep cleared the status as it threw, so nothing is left. */
    static void stepSwallowing(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // swallowed: the interrupt is lost, and the caller never learns
        }
    }

    /** The fix: set the status again, for the caller's next check. */
    static void stepRestoring(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
    // @end swallow

    /**
     * Three steps of 200ms, each done by step, that poll the status before
     * each one; the thread is interrupted in step 0, as soon as it has
     * begun (if the interrupt comes before the sleep, sleep throws at once).
     */
    static void interruptDuringStep0(String name, LongConsumer step) throws InterruptedException {
        System.out.println(name + ":");
        CountDownLatch started = new CountDownLatch(1);
        Thread worker = new Thread(() -> report(() -> {
            for (int i = 0; i < 3; i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new Cancelled(i, null);
                }
                started.countDown();
                step.accept(200);
                System.out.println("Step " + i + " complete");
            }
            return "completed all 3 steps";
        }));
        worker.start();
        started.await();
        System.out.println("Interrupting...");
        worker.interrupt();
        worker.join();
    }

    static void swallow() throws InterruptedException {
        interruptDuringStep0("swallowed", Interrupts::stepSwallowing);
        interruptDuringStep0("restored", Interrupts::stepRestoring);
    }

    // @begin wake
    /** Steps of 10s and an interrupt at 35ms: the sleeping step wakes at once. */
    static void wake() throws InterruptedException {
        Thread worker = new Thread(() -> report(() -> longTask(10, 10_000, i -> {})));
        worker.start();
        Thread.sleep(35);
        System.out.println("Cancelling...");
        worker.interrupt();
        worker.join();
    }
    // @end wake

    // @begin sum
    static final int CHECK_EVERY = 1000;

    /**
     * Go's CancellableSum, with the thread's interrupt status for the token:
     * empty (Go's (0, false)) at the first check that finds it set. No data
     * needs no check.
     */
    static OptionalLong cancellableSum(long[] data) {
        long sum = 0;
        for (int start = 0; start < data.length; start += CHECK_EVERY) {
            if (Thread.currentThread().isInterrupted()) {
                return OptionalLong.empty();
            }
            int end = Math.min(start + CHECK_EVERY, data.length);
            for (int i = start; i < end; i++) {
                sum = saturatingAdd(sum, data[i]); // a tight loop, no checks
            }
        }
        return OptionalLong.of(sum);
    }

    /** a + b, or the bound it passed: + on longs wraps around. */
    static long saturatingAdd(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException overflow) { // a and b have b's sign
            return b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }
    // @end sum

    static String show(OptionalLong sum) {
        return sum.isPresent() ? sum.getAsLong() + ", true" : "0, false";
    }

    /** The lines of Go's Sums scenario, without its stamps. */
    static void sums() {
        long[] data = new long[1_000_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = i + 1;
        }
        System.out.println("1 + 2 + ... + 1000000       = " + show(cancellableSum(data)));
        Thread.currentThread().interrupt(); // the token, cancelled
        System.out.println("the same, token cancelled   = " + show(cancellableSum(data)));
        System.out.println("no data, token cancelled    = " + show(cancellableSum(new long[0])));
        Thread.interrupted(); // clears it
        System.out.println("MaxInt64 + 1 - 1            = "
                + cancellableSum(new long[] {Long.MAX_VALUE, 1, -1}).getAsLong());
        System.out.println("MaxInt64 - 1 + 1            = "
                + cancellableSum(new long[] {Long.MAX_VALUE, -1, 1}).getAsLong());
    }

    public static void main(String[] args) throws Exception {
        String usage = "usage: Interrupts main|after-step|future|swallow|wake|sums";
        if (args.length != 1) {
            System.err.println(usage);
            System.exit(2);
        }
        switch (args[0]) {
            case "main" -> sourceMain();
            case "after-step" -> afterStep();
            case "future" -> futureCancel();
            case "swallow" -> swallow();
            case "wake" -> wake();
            case "sums" -> sums();
            default -> {
                System.err.println(usage);
                System.exit(2);
            }
        }
    }
}
