"""Cancellation in asyncio: task.cancel() and asyncio.timeout.

    python3 asyncio_cancel.py main         the source's main: task.cancel() at 35ms
    python3 asyncio_cancel.py timeout      asyncio.timeout(0.035) around the task
    python3 asyncio_cancel.py after-step   cancel as soon as step 2 is reported

task.cancel() needs no token: it throws CancelledError into the task at the
await where it is suspended, here the step's sleep, so it wakes at once,
like a select on ctx.Done(). The task may clean up, but must let the
CancelledError go on: swallowing it makes "stopped" look like "done".
"""
import asyncio
import sys


# @begin long_task
async def long_task(steps, on_step=lambda i: None):
    i = 0
    try:
        for i in range(steps):
            await asyncio.sleep(0.01)  # task.cancel() raises CancelledError here
            print(f"Step {i} complete", flush=True)
            on_step(i)
        return f"completed all {steps} steps"
    except asyncio.CancelledError:
        print(f"(cleaning up at step {i})", flush=True)
        raise  # never swallow it
# @end long_task


# @begin main
async def source_main():
    task = asyncio.create_task(long_task(10))
    await asyncio.sleep(0.035)
    print("Cancelling...", flush=True)
    task.cancel()
    try:
        print(f"Success: {await task}")
    except asyncio.CancelledError:
        print("Cancelled: the task raised CancelledError", flush=True)
    print(f"Result: {await long_task(3)}", flush=True)
# @end main


# @begin timeout
async def with_timeout():
    try:
        async with asyncio.timeout(0.035):  # Python 3.11
            await long_task(10)
    except TimeoutError:
        print("Cancelled: TimeoutError after 35ms", flush=True)
# @end timeout


async def after_step():
    task = None

    def on_step(i):
        if i == 2:
            print("Cancelling...", flush=True)
            task.cancel()

    task = asyncio.create_task(long_task(10, on_step))
    try:
        await task
    except asyncio.CancelledError:
        print("Cancelled: the task raised CancelledError", flush=True)


if __name__ == "__main__":
    scenarios = {"main": source_main, "timeout": with_timeout, "after-step": after_step}
    if len(sys.argv) != 2 or sys.argv[1] not in scenarios:
        print("usage: asyncio_cancel.py " + "|".join(scenarios), file=sys.stderr)
        sys.exit(2)
    asyncio.run(scenarios[sys.argv[1]]())
