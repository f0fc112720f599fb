// Cancellation in JavaScript on Node: AbortController and AbortSignal.
//
//     node abort_signal.mjs main         the source's main: abort() at 35ms
//     node abort_signal.mjs after-step   abort as soon as step 2 is reported
//     node abort_signal.mjs reason       abort(reason), and the default reason
//     node abort_signal.mjs any          AbortSignal.any: a signal linked to two
//     node abort_signal.mjs timeout      AbortSignal.timeout(35)
//     node abort_signal.mjs wake         steps of 10s, abort() at 35ms: ends at once
//     node abort_signal.mjs sums         cancellableSum: the lines of Go's Sums scenario
//     node abort_signal.mjs sum-timer    a timer aborts the sum as it runs
//     node abort_signal.mjs numbers      why the sum needs BigInt
//
// An AbortController is the controller's half of a token and its signal
// the tasks' half: abort(reason) sets signal.aborted and signal.reason
// (the cause) and fires the signal's 'abort' event, once. A task checks
// with signal.aborted or signal.throwIfAborted(), and a task that waits
// listens for 'abort', which is JavaScript's select on ctx.Done().

import { setTimeout as delay } from "node:timers/promises";

/** How long one step works, as Go's StepDuration, in milliseconds. */
const STEP_MS = 10;

// @begin sleep
// A cancellable sleep: resolves after ms, or rejects with signal.reason
// the moment the signal is aborted. Each way out undoes the other: the
// timer must not keep the process alive, nor the listener pile up.
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
// @end sleep

// @begin long_task
// Checks the signal before each step and sleeps each step on it, so an
// abort wakes it at once; it reports the step it stopped in, with the
// signal's reason as the error's cause.
async function longTask(signal, steps, { step = STEP_MS, onStep = () => {} } = {}) {
  for (let i = 0; i < steps; i++) {
    try {
      signal.throwIfAborted(); // the check: throws signal.reason
      await sleep(step, signal); // the work: 'abort' wakes it
    } catch (err) {
      if (!signal.aborted) throw err;
      throw new Error(`cancelled at step ${i}`, { cause: signal.reason });
    }
    console.log(`Step ${i} complete`);
    onStep(i);
  }
  return `completed all ${steps} steps`;
}
// @end long_task

async function report(task, withCause = false) {
  try {
    console.log(`Success: ${await task}`);
  } catch (err) {
    console.log(`Cancelled: ${err.message}` + (withCause ? `: ${err.cause}` : ""));
  }
}

// @begin main
async function sourceMain() {
  const controller = new AbortController();
  const task = longTask(controller.signal, 10);
  await delay(35);
  console.log("Cancelling...");
  controller.abort();
  await report(task);
  // A fresh signal that nobody aborts: the task runs to the end.
  console.log(`Result: ${await longTask(new AbortController().signal, 3)}`);
}
// @end main

async function afterStep() {
  const controller = new AbortController();
  const onStep = (i) => {
    if (i === 2) {
      console.log("Cancelling...");
      controller.abort();
    }
  };
  await report(longTask(controller.signal, 10, { onStep }));
}

// @begin reason
// abort(reason) records why, as Go's cancel(cause) does; abort() with no
// reason records a DOMException named AbortError.
async function reason() {
  for (const why of [new Error("shutting down"), undefined]) {
    const controller = new AbortController();
    const onStep = (i) => {
      if (i === 2) {
        console.log("Cancelling...");
        controller.abort(why);
      }
    };
    await report(longTask(controller.signal, 10, { onStep }), true);
  }
}
// @end reason

// @begin any
// AbortSignal.any is Go's AnyOf: a signal aborted as soon as any of its
// inputs is, with that input's reason. Aborting it alone is not possible:
// it has no controller, so give it one of its own among the inputs.
async function any() {
  const server = new AbortController(); // the server's lifetime
  const request = new AbortController(); // this request
  const signal = AbortSignal.any([server.signal, request.signal]);
  const onStep = (i) => {
    if (i === 2) {
      console.log("Cancelling the server...");
      server.abort(new Error("server stopping"));
    }
  };
  await report(longTask(signal, 10, { onStep }), true);
  console.log(`request.signal.aborted = ${request.signal.aborted}`);
}
// @end any

// @begin timeout
async function timeout() {
  await report(longTask(AbortSignal.timeout(35), 10), true);
}
// @end timeout

// @begin wake
// Steps of 10s and an abort at 35ms: only a task that is woken ends now;
// one that polls would sleep out its step first.
async function wake() {
  const controller = new AbortController();
  const task = longTask(controller.signal, 10, { step: 10_000 });
  await delay(35);
  console.log("Cancelling...");
  controller.abort();
  await report(task);
}
// @end wake

// @begin sum
const MAX_INT64 = 2n ** 63n - 1n;
const MIN_INT64 = -(2n ** 63n);
const CHECK_EVERY = 1000;

// Go's CancellableSum on a BigInt64Array: null (Go's (0, false)) at the
// first check that finds the signal aborted; no data needs no check. A
// Number is a float64, exact only up to 2^53, so the sum is a BigInt,
// which never overflows: clamp after every item, in order.
async function cancellableSum(signal, data) {
  let total = 0n;
  for (let start = 0; start < data.length; start += CHECK_EVERY) {
    // One thread runs everything: a loop that never yields lets no timer
    // or event run, so nobody could abort it. Let them run, then look.
    await new Promise(setImmediate);
    if (signal.aborted) return null;
    for (const x of data.subarray(start, start + CHECK_EVERY)) {
      total += x;
      if (total > MAX_INT64) total = MAX_INT64;
      else if (total < MIN_INT64) total = MIN_INT64;
    }
  }
  return total;
}
// @end sum

// The lines of Go's Sums scenario, without its stamps.
async function sums() {
  const data = BigInt64Array.from({ length: 1_000_000 }, (_, i) => BigInt(i + 1));
  const live = new AbortController().signal;
  const cancelled = AbortSignal.abort();
  const show = (total) => (total === null ? "0, false" : `${total}, true`);
  const of = (...xs) => BigInt64Array.from(xs);
  console.log(`1 + 2 + ... + 1000000       = ${show(await cancellableSum(live, data))}`);
  console.log(`the same, token cancelled   = ${show(await cancellableSum(cancelled, data))}`);
  console.log(`no data, token cancelled    = ${show(await cancellableSum(cancelled, of()))}`);
  console.log(`MaxInt64 + 1 - 1            = ${await cancellableSum(live, of(MAX_INT64, 1n, -1n))}`);
  console.log(`MaxInt64 - 1 + 1            = ${await cancellableSum(live, of(MAX_INT64, -1n, 1n))}`);
}

// @begin sum_timer
// A timer aborts the signal 1ms into the sum. It runs, and the sum stops,
// only because each check yields to the event loop: a loop that awaited a
// resolved promise instead would run only microtasks, never the timer.
async function sumTimer() {
  const data = BigInt64Array.from({ length: 1_000_000 }, (_, i) => BigInt(i + 1));
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 1);
  const total = await cancellableSum(controller.signal, data);
  console.log(`aborted by a timer mid-sum  = ${total === null ? "0, false" : `${total}, true`}`);
}
// @end sum_timer

// @begin numbers
// Why cancellableSum adds BigInts: a Number is a float64, and
// BigInt.asIntN, like a BigInt64Array's store, wraps around.
function numbers() {
  console.log(`2 ** 63 - 1 as a Number       = ${2 ** 63 - 1}`);
  console.log(`Number.MAX_SAFE_INTEGER + 2   = ${Number.MAX_SAFE_INTEGER + 2}`);
  console.log(`BigInt.asIntN(64, MaxInt64+1) = ${BigInt.asIntN(64, MAX_INT64 + 1n)}`);
  console.log(`BigInt64Array.of(MaxInt64+1)  = ${BigInt64Array.of(MAX_INT64 + 1n)[0]}`);
}
// @end numbers

const scenarios = {
  main: sourceMain,
  "after-step": afterStep,
  reason,
  any,
  timeout,
  wake,
  sums,
  "sum-timer": sumTimer,
  numbers,
};
const name = process.argv[2];
if (process.argv.length !== 3 || !Object.hasOwn(scenarios, name)) {
  console.error(`usage: abort_signal.mjs ${Object.keys(scenarios).join("|")}`);
  process.exit(2);
}
await scenarios[name]();
