//! The waking version in Rust: tokio tasks and tokio-util's
//! CancellationToken, raced against each step's sleep with select!, as
//! ctxversion.LongTask races its timer against ctx.Done().
//!
//!     tokio_token main          the source's main: cancel at 35ms
//!     tokio_token after-step    cancel as soon as step 2 is reported
//!     tokio_token tree          a child token, cancelled with its parent

use std::time::Duration;
use tokio::time::sleep;
use tokio_util::sync::CancellationToken;

// @begin long_task
async fn long_task(token: CancellationToken, steps: usize, on_step: impl Fn(usize)) -> Result<String, String> {
    for i in 0..steps {
        if token.is_cancelled() {
            return Err(format!("cancelled at step {i}"));
        }
        tokio::select! {
            _ = token.cancelled() => return Err(format!("cancelled at step {i}")),
            _ = sleep(Duration::from_millis(10)) => {} // the work
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
    let task = tokio::spawn(long_task(token.clone(), 10, |_| {}));
    sleep(Duration::from_millis(35)).await;
    println!("Cancelling...");
    token.cancel();
    match task.await.unwrap() {
        Ok(msg) => println!("Success: {msg}"),
        Err(msg) => println!("Cancelled: {msg}"),
    }
    // A fresh token that nobody cancels: the task runs to the end.
    match long_task(CancellationToken::new(), 3, |_| {}).await {
        Ok(msg) => println!("Result: {msg}"),
        Err(msg) => println!("Result: error: {msg}"),
    }
}
// @end main

async fn after_step() {
    let token = CancellationToken::new();
    let canceller = token.clone();
    let result = long_task(token, 10, move |i| {
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
async fn tree() {
    let parent = CancellationToken::new();
    let child = parent.child_token(); // cancelled with its parent, not the other way
    let task = tokio::spawn(long_task(child, 10, |_| {}));
    sleep(Duration::from_millis(35)).await;
    println!("Cancelling the parent...");
    parent.cancel();
    match task.await.unwrap() {
        Ok(msg) => println!("Success: {msg}"),
        Err(msg) => println!("Cancelled: {msg}"),
    }
}
// @end tree

#[tokio::main(flavor = "current_thread")]
async fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("main") => source_main().await,
        Some("after-step") => after_step().await,
        Some("tree") => tree().await,
        _ => {
            eprintln!("usage: tokio_token main|after-step|tree");
            std::process::exit(2);
        }
    }
}
