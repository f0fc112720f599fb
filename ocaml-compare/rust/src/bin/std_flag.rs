//! The source lesson's token with std threads: an Arc<AtomicBool>, cloned
//! into each thread and polled between steps, as std.Token is in Go.
//!
//!     std_flag main          the source's main: cancel at 35ms
//!     std_flag after-step    cancel as soon as step 2 is reported

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

// @begin token
#[derive(Clone, Default)]
struct CancellationToken {
    cancelled: Arc<AtomicBool>, // every clone shares this flag
}

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
        _ => {
            eprintln!("usage: std_flag main|after-step");
            std::process::exit(2);
        }
    }
}
