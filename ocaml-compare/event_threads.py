"""The source lesson's token in Python: a threading.Event shared by threads.

    python3 event_threads.py flag-main     polled between steps (is_set + sleep)
    python3 event_threads.py event-main    waited on (Event.wait(timeout) wakes at once)
    python3 event_threads.py after-step    cancel as soon as step 2 is reported
    python3 event_threads.py wake          steps of 10s, cancel at 35ms: ends at once
    python3 event_threads.py sums          cancellable_sum: the lines of Go's Sums scenario

An Event is a flag with a condition variable inside: is_set() is the cheap
check of a polling task, and wait(timeout) is the select of Go: it returns
True the moment set() is called, or False when the timeout passes.

Two threads print here, so every line goes through say(): print() writes
its text and its end (the newline) with two calls to the stream's write,
and another thread's print can come between the two.
"""
import sys
import threading
import time

_say_lock = threading.Lock()


def say(line):
    """Prints line and its newline whole: one thread at a time."""
    with _say_lock:
        print(line, flush=True)


# @begin polled
def long_task_polled(token, steps, on_step=lambda i: None):
    """Check before each step; a cancel during a step is seen at the next."""
    for i in range(steps):
        if token.is_set():
            raise Cancelled(f"cancelled at step {i}")
        time.sleep(0.01)  # the work: the flag cannot interrupt it
        say(f"Step {i} complete")
        on_step(i)
    return f"completed all {steps} steps"
# @end polled


# @begin waking
def long_task(token, steps, on_step=lambda i: None, step=0.01):
    """Each step waits on the token itself: set() wakes it at once."""
    for i in range(steps):
        if token.is_set():
            raise Cancelled(f"cancelled at step {i}")
        if token.wait(step):  # True: woken by set(); False: the step's time is up
            raise Cancelled(f"cancelled at step {i}")
        say(f"Step {i} complete")
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
    say("Cancelling...")
    token.set()
    worker.join()
    if "cancelled" in outcome:
        say(f"Cancelled: {outcome['cancelled']}")
    else:
        say(f"Success: {outcome['ok']}")
    # A fresh token that nobody sets: the task runs to the end.
    say(f"Result: {task(threading.Event(), 3)}")
# @end main


# @begin wake
def wake():
    """Steps of 10s, a cancel at 35ms: only a task woken by set() ends now."""
    token = threading.Event()
    outcome = {}

    def run():
        try:
            outcome["ok"] = long_task(token, 10, step=10.0)
        except Cancelled as e:
            outcome["cancelled"] = e

    worker = threading.Thread(target=run)
    worker.start()
    time.sleep(0.035)
    say("Cancelling...")
    token.set()
    worker.join()  # a task that polls would sleep out its step first
    if "cancelled" in outcome:
        say(f"Cancelled: {outcome['cancelled']}")
    else:
        say(f"Success: {outcome['ok']}")
# @end wake


# @begin sum
MAX_INT64, MIN_INT64 = 2**63 - 1, -(2**63)
CHECK_EVERY = 1000


def cancellable_sum(token, data):
    """Adds data in order, saturating at 64 bits, checking the token before
    item 0 and then every CHECK_EVERY items: None at the first check that
    finds it set. No data needs no check."""
    total = 0
    for start in range(0, len(data), CHECK_EVERY):
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


def sums():
    """The lines of Go's Sums scenario, without its stamps."""
    data = list(range(1, 1_000_001))
    live, cancelled = threading.Event(), threading.Event()
    cancelled.set()

    def show(total):  # None is Go's (0, false)
        return "0, false" if total is None else f"{total}, true"

    print(f"1 + 2 + ... + 1000000       = {show(cancellable_sum(live, data))}")
    print(f"the same, token cancelled   = {show(cancellable_sum(cancelled, data))}")
    print(f"no data, token cancelled    = {show(cancellable_sum(cancelled, []))}")
    print(f"MaxInt64 + 1 - 1            = {cancellable_sum(live, [MAX_INT64, 1, -1])}")
    print(f"MaxInt64 - 1 + 1            = {cancellable_sum(live, [MAX_INT64, -1, 1])}")


def after_step():
    token = threading.Event()

    def on_step(i):
        if i == 2:
            say("Cancelling...")
            token.set()

    try:
        say(f"Success: {long_task(token, 10, on_step)}")
    except Cancelled as e:
        say(f"Cancelled: {e}")


if __name__ == "__main__":
    scenarios = {
        "flag-main": lambda: source_main(long_task_polled),
        "event-main": lambda: source_main(long_task),
        "after-step": after_step,
        "wake": wake,
        "sums": sums,
    }
    if len(sys.argv) != 2 or sys.argv[1] not in scenarios:
        print("usage: event_threads.py " + "|".join(scenarios), file=sys.stderr)
        sys.exit(2)
    scenarios[sys.argv[1]]()
