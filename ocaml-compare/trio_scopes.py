"""Cancellation in Trio: cancel scopes, timeouts and nurseries.

    python3 trio_scopes.py main         the source's main: scope.cancel() at 35ms
    python3 trio_scopes.py after-step   cancel as soon as step 2 is reported
    python3 trio_scopes.py timeout      move_on_after and fail_after (35ms)
    python3 trio_scopes.py nursery      one task fails: its nursery cancels the other
    python3 trio_scopes.py wake         steps of 10s, scope.cancel() at 35ms: ends at once
    python3 trio_scopes.py swallow      a swallowed cancel: Trio's stays, asyncio's is lost
    python3 trio_scopes.py sums         cancellable_sum: the lines of Go's Sums scenario

A trio.CancelScope is a token that code runs inside: `with scope:`. Once
scope.cancel() is called, every checkpoint inside it (every await of
Trio's, sleep included) raises Cancelled, which unwinds to the scope's end
and is caught there. It stays cancelled: catching Cancelled does not undo
it, and the next checkpoint raises again: the cancel is a state, not an
event (level-triggered), where asyncio's task.cancel() raises once.
"""
import asyncio
import functools
import sys

import trio


class Stopped(Exception):
    """A task stopped because its scope was cancelled."""


# @begin long_task
async def long_task(scope, steps, on_step=lambda i: None, step=0.01):
    """Runs its steps inside scope, a trio.CancelScope that the caller
    made and may cancel: the token. A cancelled scope raises Cancelled at
    the step's sleep, at once, and catches it at its own end."""
    i = 0
    with scope:
        for i in range(steps):
            await trio.sleep(step)  # a checkpoint: Cancelled comes out here
            print(f"Step {i} complete", flush=True)
            on_step(i)
        return f"completed all {steps} steps"
    raise Stopped(f"cancelled at step {i}")  # only if scope caught Cancelled
# @end long_task


async def report(task, *args):
    try:
        print(f"Success: {await task(*args)}", flush=True)
    except Stopped as e:
        print(f"Cancelled: {e}", flush=True)


# @begin main
async def source_main():
    scope = trio.CancelScope()  # made here, entered by the task
    async with trio.open_nursery() as nursery:
        nursery.start_soon(report, long_task, scope, 10)
        await trio.sleep(0.035)
        print("Cancelling...", flush=True)
        scope.cancel()
    # The nursery's end waited for the task. A fresh scope that nobody
    # cancels: the task runs to the end.
    print(f"Result: {await long_task(trio.CancelScope(), 3)}", flush=True)
# @end main


async def after_step():
    scope = trio.CancelScope()

    def on_step(i):
        if i == 2:
            print("Cancelling...", flush=True)
            scope.cancel()

    await report(long_task, scope, 10, on_step)


# @begin timeout
async def timeouts():
    # move_on_after: a scope with a deadline; the code after it runs either way
    with trio.move_on_after(0.035) as deadline:
        await long_task(trio.CancelScope(), 10)
    print(f"move_on_after(0.035): cancelled_caught = {deadline.cancelled_caught}", flush=True)
    # fail_after: the same, but a deadline that passes raises TooSlowError
    try:
        with trio.fail_after(0.035):
            await long_task(trio.CancelScope(), 10)
    except trio.TooSlowError:
        print("fail_after(0.035): TooSlowError", flush=True)
# @end timeout


# @begin nursery
async def nursery():
    """A nursery is Go's errgroup: when one of its tasks fails, it cancels
    the others, waits for them, and raises what failed."""
    async def worker():
        try:
            await trio.sleep(10)
        except trio.Cancelled:
            print("worker: Cancelled at its sleep, cleaning up", flush=True)
            raise  # Cancelled must go on to the nursery's scope

    async def failing():
        await trio.sleep(0.035)
        print("failing: raising OSError('disk full')", flush=True)
        raise OSError("disk full")

    try:
        async with trio.open_nursery(strict_exception_groups=True) as n:
            n.start_soon(worker)
            n.start_soon(failing)
    except* OSError as group:
        print(f"the nursery raised: {group.exceptions[0]}", flush=True)
# @end nursery


# @begin wake
async def wake():
    """Steps of 10s, scope.cancel() at 35ms: the pending sleep is woken."""
    scope = trio.CancelScope()
    async with trio.open_nursery() as nursery:
        nursery.start_soon(report, functools.partial(long_task, step=10.0), scope, 10)
        await trio.sleep(0.035)
        print("Cancelling...", flush=True)
        scope.cancel()
# @end wake


# @begin swallow
async def swallow_trio():
    with trio.move_on_after(0.035) as deadline:
        try:
            await trio.sleep(10)
        except trio.Cancelled:
            print("trio: Cancelled at the sleep, swallowed", flush=True)
        try:
            await trio.sleep(10)  # the scope is still cancelled
        except trio.Cancelled:
            print("trio: Cancelled again at the next checkpoint", flush=True)
            raise
        print("trio: never printed", flush=True)
    print(f"trio: the scope caught it: {deadline.cancelled_caught}", flush=True)


async def swallow_asyncio():
    async def task():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("asyncio: CancelledError at the sleep, swallowed", flush=True)
        await asyncio.sleep(0.05)  # raises nothing: the cancel was spent
        print("asyncio: the next await slept its full time", flush=True)
        return "finished"

    t = asyncio.create_task(task())
    await asyncio.sleep(0.035)
    t.cancel()
    print(f"asyncio: the task returned {await t!r}; cancelled() = {t.cancelled()}", flush=True)
# @end swallow


def swallow():
    trio.run(swallow_trio)
    asyncio.run(swallow_asyncio())


# @begin sum
MAX_INT64, MIN_INT64 = 2**63 - 1, -(2**63)
CHECK_EVERY = 1000


async def cancellable_sum(scope, data):
    """Go's CancellableSum inside a cancel scope: None at the first check
    that finds it cancelled. No data needs no check. Each check is a
    checkpoint: it lets the other tasks run (one runs at a time), then
    raises Cancelled if the scope is cancelled."""
    total = 0
    with scope:
        for start in range(0, len(data), CHECK_EVERY):
            await trio.lowlevel.checkpoint()
            for x in data[start:start + CHECK_EVERY]:
                # Python's ints never overflow: clamp after every item, in order
                total = min(max(total + x, MIN_INT64), MAX_INT64)
        return total
    return None  # the scope caught the Cancelled of a check
# @end sum


async def sums():
    """The lines of Go's Sums scenario, without its stamps."""
    data = list(range(1, 1_000_001))

    def cancelled():  # a scope serves one `with`: a fresh one for each sum
        scope = trio.CancelScope()
        scope.cancel()
        return scope

    def show(total):  # None is Go's (0, false)
        return "0, false" if total is None else f"{total}, true"

    live = trio.CancelScope
    print(f"1 + 2 + ... + 1000000       = {show(await cancellable_sum(live(), data))}")
    print(f"the same, token cancelled   = {show(await cancellable_sum(cancelled(), data))}")
    print(f"no data, token cancelled    = {show(await cancellable_sum(cancelled(), []))}")
    print(f"MaxInt64 + 1 - 1            = {await cancellable_sum(live(), [MAX_INT64, 1, -1])}")
    print(f"MaxInt64 - 1 + 1            = {await cancellable_sum(live(), [MAX_INT64, -1, 1])}")


if __name__ == "__main__":
    scenarios = {
        "main": lambda: trio.run(source_main),
        "after-step": lambda: trio.run(after_step),
        "timeout": lambda: trio.run(timeouts),
        "nursery": lambda: trio.run(nursery),
        "wake": lambda: trio.run(wake),
        "swallow": swallow,
        "sums": lambda: trio.run(sums),
    }
    if len(sys.argv) != 2 or sys.argv[1] not in scenarios:
        print("usage: trio_scopes.py " + "|".join(scenarios), file=sys.stderr)
        sys.exit(2)
    scenarios[sys.argv[1]]()
