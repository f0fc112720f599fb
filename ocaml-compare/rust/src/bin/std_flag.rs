//! The source lesson's token with std threads: an Arc<AtomicBool>, cloned
//! into each thread and polled between steps, as std.Token is in Go.
//!
//!     std_flag main          the source's main: cancel at 35ms
//!     std_flag after-step    cancel as soon as step 2 is reported
//!     std_flag sums          cancellable_sum: the lines of Go's Sums scenario

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

// @begin token
#[derive(Clone, Default)]
struct CancellationToken {
    cancelled: Arc<AtomicBool>, // every clone shares this flag
}

// The source lesson's orderings. This flag publishes nothing (nothing
// written before cancel is read after is_cancelled), so Relaxed would do;
// Release/Acquire keeps it right once data hangs off the flag (lesson 5).
impl CancellationToken {
    fn cancel(&self) {
        self.cancelled.store(true, Ordering::Release);
    }
    fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Acquire) // pairs with the Release store
    }
}
// @end token

// @begin long_task
fn long_task(token: CancellationToken, steps: usize, on_step: impl Fn(usize)) -> Result<String, String> {
    for i in 0..steps {
        if token.is_cancelled() {
            return Err(format!("cancelled at step {i}"));
        }
        thread::sleep(Duration::from_millis(10)); // the work: the flag cannot interrupt it
        println!("Step {i} complete");
        on_step(i);
    }
    Ok(format!("completed all {steps} steps"))
}
// @end long_task

// @begin main
fn source_main() {
    let token = CancellationToken::default();
    let task_token = token.clone(); // the same flag, shared through the Arc
    let handle = thread::spawn(move || long_task(task_token, 10, |_| {}));
    thread::sleep(Duration::from_millis(35));
    println!("Cancelling...");
    token.cancel();
    match handle.join().unwrap() {
        Ok(msg) => println!("Success: {msg}"),
        Err(msg) => println!("Cancelled: {msg}"),
    }
    // A fresh token that nobody cancels: the task runs to the end.
    let token2 = CancellationToken::default();
    let h2 = thread::spawn(move || long_task(token2, 3, |_| {}));
    match h2.join().unwrap() {
        Ok(msg) => println!("Result: {msg}"),
        Err(msg) => println!("Result: error: {msg}"),
    }
}
// @end main

// @begin sum
const CHECK_EVERY: usize = 1000;

/// Adds data in order, saturating at i64's bounds (Rust has the operation:
/// i64::saturating_add), checking the token before item 0 and then every
/// CHECK_EVERY items: None at the first check that finds it cancelled.
/// No data needs no check.
fn cancellable_sum(token: &CancellationToken, data: &[i64]) -> Option<i64> {
    let mut sum: i64 = 0;
    for chunk in data.chunks(CHECK_EVERY) {
        if token.is_cancelled() {
            return None;
        }
        sum = chunk.iter().fold(sum, |acc, &x| acc.saturating_add(x)); // no checks
    }
    Some(sum)
}
// @end sum

/// The lines of Go's Sums scenario, without its stamps.
fn sums() {
    let data: Vec<i64> = (1..=1_000_000).collect();
    let (live, cancelled) = (CancellationToken::default(), CancellationToken::default());
    cancelled.cancel();
    let show = |sum: Option<i64>| match sum {
        Some(sum) => format!("{sum}, true"),
        None => "0, false".to_string(), // Go's (0, false)
    };
    let sum = |data: &[i64]| cancellable_sum(&live, data).unwrap();
    println!("1 + 2 + ... + 1000000       = {}", show(cancellable_sum(&live, &data)));
    println!("the same, token cancelled   = {}", show(cancellable_sum(&cancelled, &data)));
    println!("no data, token cancelled    = {}", show(cancellable_sum(&cancelled, &[])));
    println!("MaxInt64 + 1 - 1            = {}", sum(&[i64::MAX, 1, -1]));
    println!("MaxInt64 - 1 + 1            = {}", sum(&[i64::MAX, -1, 1]));
}

fn after_step() {
    let token = CancellationToken::default();
    let canceller = token.clone();
    let result = long_task(token, 10, |i| {
        if i == 2 {
            println!("Cancelling...");
            canceller.cancel();
        }
    });
    match result {
        Ok(msg) => println!("Success: {msg}"),
        Err(msg) => println!("Cancelled: {msg}"),
    }
}

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("main") => source_main(),
        Some("after-step") => after_step(),
        Some("sums") => sums(),
        _ => {
            eprintln!("usage: std_flag main|after-step|sums");
            std::process::exit(2);
        }
    }
}
