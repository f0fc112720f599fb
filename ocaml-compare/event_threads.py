"""The source lesson's token in Python: a threading.Event shared by threads.

    python3 event_threads.py flag-main     polled between steps (is_set + sleep)
    python3 event_threads.py event-main    waited on (Event.wait(timeout) wakes at once)
    python3 event_threads.py after-step    cancel as soon as step 2 is reported

An Event is a flag with a condition variable inside: is_set() is the cheap
check of a polling task, and wait(timeout) is the select of Go: it returns
True the moment set() is called, or False when the timeout passes.
"""
import sys
import threading
import time


# @begin polled
def long_task_polled(token, steps, on_step=lambda i: None):
    """Check before each step; a cancel during a step is seen at the next."""
    for i in range(steps):
        if token.is_set():
            raise Cancelled(f"cancelled at step {i}")
        time.sleep(0.01)  # the work: the flag cannot interrupt it
        print(f"Step {i} complete", flush=True)
        on_step(i)
    return f"completed all {steps} steps"
# @end polled


# @begin waking
def long_task(token, steps, on_step=lambda i: None):
    """Each step waits on the token itself: set() wakes it at once."""
    for i in range(steps):
        if token.is_set():
            raise Cancelled(f"cancelled at step {i}")
        if token.wait(0.01):  # True: woken by set(); False: the step's time is up
            raise Cancelled(f"cancelled at step {i}")
        print(f"Step {i} complete", flush=True)
        on_step(i)
    return f"completed all {steps} steps"
# @end waking


class Cancelled(Exception):
    """A task stopped because its token was set."""


# @begin main
def source_main(task):
    token = threading.Event()
    outcome = {}

    def run():
        try:
            outcome["ok"] = task(token, 10)
        except Cancelled as e:
            outcome["cancelled"] = e

    worker = threading.Thread(target=run)
    worker.start()
    time.sleep(0.035)
    print("Cancelling...", flush=True)
    token.set()
    worker.join()
    if "cancelled" in outcome:
        print(f"Cancelled: {outcome['cancelled']}", flush=True)
    else:
        print(f"Success: {outcome['ok']}", flush=True)
    # A fresh token that nobody sets: the task runs to the end.
    print(f"Result: {task(threading.Event(), 3)}", flush=True)
# @end main


def after_step():
    token = threading.Event()

    def on_step(i):
        if i == 2:
            print("Cancelling...", flush=True)
            token.set()

    try:
        print(f"Success: {long_task(token, 10, on_step)}")
    except Cancelled as e:
        print(f"Cancelled: {e}", flush=True)


if __name__ == "__main__":
    scenarios = {
        "flag-main": lambda: source_main(long_task_polled),
        "event-main": lambda: source_main(long_task),
        "after-step": after_step,
    }
    if len(sys.argv) != 2 or sys.argv[1] not in scenarios:
        print("usage: event_threads.py " + "|".join(scenarios), file=sys.stderr)
        sys.exit(2)
    scenarios[sys.argv[1]]()
