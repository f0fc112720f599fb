//! The waking version in Rust: tokio tasks and tokio-util's
//! CancellationToken, raced against each step's sleep with select!, as
//! ctxversion.LongTask races its timer against ctx.Done().
//!
//!     tokio_token main          the source's main: cancel at 35ms
//!     tokio_token after-step    cancel as soon as step 2 is reported
//!     tokio_token tree          steps of 10s, a child token woken by its parent's cancel at 35ms
//!     tokio_token wake          steps of 10s, cancel at 35ms: ends at once
//!     tokio_token abort         steps of 10s, no token: JoinHandle::abort at 35ms
//!     tokio_token biased        what select!'s biased; changes when both branches are ready
//!     tokio_token sums          cancellable_sum: the lines of Go's Sums scenario

use std::time::Duration;
use tokio::time::sleep;
use tokio_util::sync::CancellationToken;

/// How long one step works, as Go's StepDuration.
const STEP: Duration = Duration::from_millis(10);

// @begin long_task
async fn long_task(token: CancellationToken, steps: usize, step: Duration, on_step: impl Fn(usize)) -> Result<String, String> {
    for i in 0..steps {
        if token.is_cancelled() {
            return Err(format!("cancelled at step {i}"));
        }
        tokio::select! {
            biased; // poll in the order written: if both are ready, the cancel wins
            _ = token.cancelled() => return Err(format!("cancelled at step {i}")),
            _ = sleep(step) => {} // the work
        }
        println!("Step {i} complete");
        on_step(i);
    }
    Ok(format!("completed all {steps} steps"))
}
// @end long_task

// @begin main
async fn source_main() {
    let token = CancellationToken::new();
    let task = tokio::spawn(long_task(token.clone(), 10, STEP, |_| {}));
    sleep(Duration::from_millis(35)).await;
    println!("Cancelling...");
    token.cancel();
    match task.await.unwrap() {
        Ok(msg) => println!("Success: {msg}"),
        Err(msg) => println!("Cancelled: {msg}"),
    }
    // A fresh token that nobody cancels: the task runs to the end.
    match long_task(CancellationToken::new(), 3, STEP, |_| {}).await {
        Ok(msg) => println!("Result: {msg}"),
        Err(msg) => println!("Result: error: {msg}"),
    }
}
// @end main

async fn after_step() {
    let token = CancellationToken::new();
    let canceller = token.clone();
    let result = long_task(token, 10, STEP, move |i| {
        if i == 2 {
            println!("Cancelling...");
            canceller.cancel();
        }
    })
    .await;
    match result {
        Ok(msg) => println!("Success: {msg}"),
        Err(msg) => println!("Cancelled: {msg}"),
    }
}

// @begin tree
/// Steps of 10s: the task waits on a child token, and only the parent is
/// cancelled, at 35ms. A child's own cancel stays in its branch.
async fn tree() {
    let parent = CancellationToken::new();
    let other = parent.child_token();
    other.cancel();
    println!("A child cancelled; the parent is cancelled: {}", parent.is_cancelled());
    let child = parent.child_token(); // cancelled with its parent
    let task = tokio::spawn(long_task(child, 10, Duration::from_secs(10), |_| {}));
    sleep(Duration::from_millis(35)).await;
    println!("Cancelling the parent...");
    parent.cancel();
    match task.await.unwrap() {
        Ok(msg) => println!("Success: {msg}"),
        Err(msg) => println!("Cancelled: {msg}"),
    }
}
// @end tree

// @begin wake
/// Steps of 10s and a cancel at 35ms: only a task that is woken ends now;
/// one that polls would sleep out the step first.
async fn wake() {
    let token = CancellationToken::new();
    let task = tokio::spawn(long_task(token.clone(), 10, Duration::from_secs(10), |_| {}));
    sleep(Duration::from_millis(35)).await;
    println!("Cancelling...");
    token.cancel();
    match task.await.unwrap() {
        Ok(msg) => println!("Success: {msg}"),
        Err(msg) => println!("Cancelled: {msg}"),
    }
}
// @end wake

// @begin abort
/// Its Drop is the task's cleanup, as finally is in Python: it runs
/// however the future ends, finished or dropped.
struct Cleanup(usize);

impl Drop for Cleanup {
    fn drop(&mut self) {
        println!("(cleaning up at step {})", self.0);
    }
}

/// A task with no token: it can only be stopped from outside.
async fn plain_task(steps: usize, step: Duration) -> String {
    let mut at = Cleanup(0);
    for i in 0..steps {
        at.0 = i;
        sleep(step).await; // abort drops the future here
        println!("Step {i} complete");
    }
    format!("completed all {steps} steps")
}

/// Steps of 10s and JoinHandle::abort at 35ms: tokio's task.cancel().
/// The runtime drops the task's future where it waits, so it ends at once.
async fn abort() {
    let task = tokio::spawn(plain_task(10, Duration::from_secs(10)));
    sleep(Duration::from_millis(35)).await;
    println!("Aborting...");
    task.abort();
    match task.await {
        Ok(msg) => println!("Success: {msg}"),
        Err(e) if e.is_cancelled() => println!("Cancelled: the JoinError says the task was cancelled"),
        Err(e) => println!("Failed: {e}"),
    }
}
// @end abort

// @begin biased
/// Both branches are ready at every select: the token is already
/// cancelled, and the other branch is a future that is ready at once.
async fn biased() {
    let token = CancellationToken::new();
    token.cancel();
    let (mut in_order, mut at_random) = (0, 0);
    for _ in 0..1000 {
        tokio::select! {
            biased; // polls the branches in the order written
            _ = token.cancelled() => in_order += 1,
            _ = async {} => {}
        }
        tokio::select! { // starts at a random branch
            _ = token.cancelled() => at_random += 1,
            _ = async {} => {}
        }
    }
    println!("biased: the cancel won {in_order} of 1000 selects");
    println!("unbiased: the cancel won all 1000: {}", at_random == 1000);
}
// @end biased

// @begin sum
const CHECK_EVERY: usize = 1000;

/// Go's CancellableSum on a tokio task: None at the first check that finds
/// the token cancelled; no data needs no check. This runtime runs one task
/// at a time on its thread, and a loop that never awaits lets no other task
/// run (and cancel it): so each check first yields, then looks.
async fn cancellable_sum(token: &CancellationToken, data: &[i64]) -> Option<i64> {
    let mut sum: i64 = 0;
    for chunk in data.chunks(CHECK_EVERY) {
        tokio::task::yield_now().await;
        if token.is_cancelled() {
            return None;
        }
        sum = chunk.iter().fold(sum, |acc, &x| acc.saturating_add(x)); // no checks
    }
    Some(sum)
}
// @end sum

/// The lines of Go's Sums scenario, without its stamps.
async fn sums() {
    let data: Vec<i64> = (1..=1_000_000).collect();
    let (live, cancelled) = (CancellationToken::new(), CancellationToken::new());
    cancelled.cancel();
    let show = |sum: Option<i64>| match sum {
        Some(sum) => format!("{sum}, true"),
        None => "0, false".to_string(), // Go's (0, false)
    };
    println!("1 + 2 + ... + 1000000       = {}", show(cancellable_sum(&live, &data).await));
    println!("the same, token cancelled   = {}", show(cancellable_sum(&cancelled, &data).await));
    println!("no data, token cancelled    = {}", show(cancellable_sum(&cancelled, &[]).await));
    println!("MaxInt64 + 1 - 1            = {}", cancellable_sum(&live, &[i64::MAX, 1, -1]).await.unwrap());
    println!("MaxInt64 - 1 + 1            = {}", cancellable_sum(&live, &[i64::MAX, -1, 1]).await.unwrap());
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("main") => source_main().await,
        Some("after-step") => after_step().await,
        Some("tree") => tree().await,
        Some("wake") => wake().await,
        Some("abort") => abort().await,
        Some("biased") => biased().await,
        Some("sums") => sums().await,
        _ => {
            eprintln!("usage: tokio_token main|after-step|tree|wake|abort|biased|sums");
            std::process::exit(2);
        }
    }
}
