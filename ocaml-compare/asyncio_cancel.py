"""Cancellation in asyncio: task.cancel(), asyncio.timeout and TaskGroup.

    python3 asyncio_cancel.py main           the source's main: task.cancel() at 35ms
    python3 asyncio_cancel.py after-step     cancel as soon as step 2 is reported
    python3 asyncio_cancel.py wake           steps of 10s, task.cancel() at 35ms: ends at once
    python3 asyncio_cancel.py timeout        steps of 10s, asyncio.timeout(0.035): ends at once
    python3 asyncio_cancel.py group          steps of 10s in a TaskGroup whose other task fails at 35ms
    python3 asyncio_cancel.py caller-cancel  cancel the caller that awaits the task
    python3 asyncio_cancel.py sums           cancellable_sum: the lines of Go's Sums scenario

task.cancel() needs no token: it throws CancelledError into the task at the
await where it is suspended, here the step's sleep, so it wakes at once,
like a select on ctx.Done(). The task may clean up, but must let the
CancelledError go on: asyncio.timeout and TaskGroup cancel with it too, and
"might misbehave" if a coroutine swallows it (the Python documentation,
asyncio-task.html, "Task Cancellation").
"""
import asyncio
import sys


# @begin long_task
async def long_task(steps, on_step=lambda i: None, step=0.01):
    i = 0
    try:
        for i in range(steps):
            await asyncio.sleep(step)  # a cancel raises CancelledError here
            print(f"Step {i} complete", flush=True)
            on_step(i)
        return f"completed all {steps} steps"
    finally:
        # Cleanup goes in finally, which lets a CancelledError go on.
        # cancelling() counts the cancels asked of this task (3.11).
        if asyncio.current_task().cancelling():
            print(f"(cleaning up at step {i})", flush=True)
# @end long_task


# @begin report
async def report(task):
    """Awaits task and says how it ended. A CancelledError out of the await
    is the task's, unless this task is being cancelled too (cancelling() is
    not 0): then it is our own, and must go on."""
    try:
        print(f"Success: {await task}", flush=True)
    except asyncio.CancelledError:
        if asyncio.current_task().cancelling():
            raise
        print("Cancelled: the task raised CancelledError", flush=True)
# @end report


# @begin main
async def source_main():
    task = asyncio.create_task(long_task(10))
    await asyncio.sleep(0.035)
    print("Cancelling...", flush=True)
    task.cancel()
    await report(task)
    print(f"Result: {await long_task(3)}", flush=True)
# @end main


# @begin timeout
async def with_timeout():
    """Steps of 10s and a deadline at 35ms: asyncio.timeout cancels the
    task at its pending sleep, and turns the CancelledError into a
    TimeoutError as the block ends."""
    try:
        async with asyncio.timeout(0.035):  # Python 3.11
            await long_task(10, step=10.0)
    except TimeoutError:
        print("Cancelled: TimeoutError after 35ms", flush=True)
# @end timeout


# @begin group
async def fail_after(delay):
    await asyncio.sleep(delay)
    print("The other task fails...", flush=True)
    raise RuntimeError("the other task failed")


async def group():
    """Steps of 10s in an asyncio.TaskGroup (3.11) whose other task fails
    at 35ms: the group cancels the sleeping task at once and waits for it,
    as errgroup's context does in Go, then raises what failed in an
    ExceptionGroup."""
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(long_task(10, step=10.0))
            tg.create_task(fail_after(0.035))
    except* RuntimeError as eg:
        print(f"Cancelled: the group raised {eg.exceptions!r}", flush=True)
# @end group


# @begin wake
async def wake():
    """Steps of 10s, task.cancel() at 35ms: the pending sleep is woken."""
    task = asyncio.create_task(long_task(10, step=10.0))
    await asyncio.sleep(0.035)
    print("Cancelling...", flush=True)
    task.cancel()
    await report(task)
# @end wake


# @begin caller_cancel
async def caller_cancel():
    """Cancel the caller, which awaits the task in report(): asyncio passes
    the cancel on to the task it awaits, and report() must let it go on."""
    task = asyncio.create_task(long_task(10, step=10.0))
    caller = asyncio.create_task(report(task))
    await asyncio.sleep(0.035)
    print("Cancelling the caller...", flush=True)
    caller.cancel()
    await asyncio.wait([caller])  # returns when it ends, and raises nothing
    print(f"The caller ended cancelled: {caller.cancelled()}", flush=True)
# @end caller_cancel


# @begin sum
MAX_INT64, MIN_INT64 = 2**63 - 1, -(2**63)
CHECK_EVERY = 1000


async def cancellable_sum(token, data):
    """Go's CancellableSum with an asyncio.Event for the token: None at the
    first check that finds it set. No data needs no check."""
    total = 0
    for start in range(0, len(data), CHECK_EVERY):
        # One task runs at a time: a loop that never awaits cannot be
        # stopped, since nobody else runs. Let the others run (and a
        # task.cancel() land), then look at the token.
        await asyncio.sleep(0)
        if token.is_set():
            return None
        for x in data[start:start + CHECK_EVERY]:
            # Python's ints never overflow: clamp after every item, in order
            total += x
            if total > MAX_INT64:
                total = MAX_INT64
            elif total < MIN_INT64:
                total = MIN_INT64
    return total
# @end sum


async def sums():
    """The lines of Go's Sums scenario, without its stamps."""
    data = list(range(1, 1_000_001))
    live, cancelled = asyncio.Event(), asyncio.Event()
    cancelled.set()

    def show(total):  # None is Go's (0, false)
        return "0, false" if total is None else f"{total}, true"

    print(f"1 + 2 + ... + 1000000       = {show(await cancellable_sum(live, data))}")
    print(f"the same, token cancelled   = {show(await cancellable_sum(cancelled, data))}")
    print(f"no data, token cancelled    = {show(await cancellable_sum(cancelled, []))}")
    print(f"MaxInt64 + 1 - 1            = {await cancellable_sum(live, [MAX_INT64, 1, -1])}")
    print(f"MaxInt64 - 1 + 1            = {await cancellable_sum(live, [MAX_INT64, -1, 1])}")


async def after_step():
    task = None

    def on_step(i):
        if i == 2:
            print("Cancelling...", flush=True)
            task.cancel()

    task = asyncio.create_task(long_task(10, on_step))
    await report(task)


if __name__ == "__main__":
    scenarios = {
        "main": source_main,
        "after-step": after_step,
        "wake": wake,
        "timeout": with_timeout,
        "group": group,
        "caller-cancel": caller_cancel,
        "sums": sums,
    }
    if len(sys.argv) != 2 or sys.argv[1] not in scenarios:
        print("usage: asyncio_cancel.py " + "|".join(scenarios), file=sys.stderr)
        sys.exit(2)
    asyncio.run(scenarios[sys.argv[1]]())
