package scenario

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"example.com/cancellation/ctxversion"
)

// fetchSwallowing is a pitfall: it turns a cancellation into a success.
func fetchSwallowing(ctx context.Context) (string, error) {
	msg, err := ctxversion.LongTask(ctx, 10, io.Discard)
	if err != nil {
		return "", nil // wrong: "stopped" now looks like "done, empty"
	}
	return msg, nil
}

// fetch is the fix: the error goes up, wrapped, so errors.Is still sees it.
func fetch(ctx context.Context) (string, error) {
	msg, err := ctxversion.LongTask(ctx, 10, io.Discard)
	if err != nil {
		return "", fmt.Errorf("fetch: %w", err)
	}
	return msg, nil
}

// runJobs starts n jobs and cancels them after 25ms. It returns how many
// returned, and how many of those really completed.
func runJobs(n int) (returned, completed int) {
	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Millisecond)
	defer cancel()
	var (
		mu sync.Mutex
		wg sync.WaitGroup
	)
	for range n {
		wg.Go(func() {
			_, err := ctxversion.LongTask(ctx, 10, io.Discard)
			mu.Lock()
			defer mu.Unlock()
			returned++
			if err == nil {
				completed++
			}
		})
	}
	wg.Wait() // every job has returned: not the same as every job is done
	return returned, completed
}

// Pitfalls shows three mistakes and their fixes: swallowing the
// cancellation error, counting cancelled work as finished, and assuming
// that a cancel callback has finished when cancel returns.
func Pitfalls(log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 35*time.Millisecond)
	swallowed := log.With("lane", "swallowed")
	swallowed.Info("swallowed: started, with 35ms to go", "event", "begin")
	msg, err := fetchSwallowing(ctx)
	swallowed.Info(fmt.Sprintf("swallowed: done? result %q, error %v: looks like success",
		msg, err),
		"event", "end", "err", err)
	cancel()

	ctx, cancel = context.WithTimeout(context.Background(), 35*time.Millisecond)
	propagated := log.With("lane", "propagated")
	propagated.Info("propagated: started, with 35ms to go", "event", "begin")
	msg, err = fetch(ctx)
	propagated.Info(fmt.Sprintf("propagated: stopped: result %q, error %v; Is DeadlineExceeded: %v",
		msg, err, errors.Is(err, context.DeadlineExceeded)),
		"event", "end", "err", err)
	cancel()

	returned, completed := runJobs(3)
	log.Info(fmt.Sprintf("wg.Wait returned: %d jobs returned, %d of them completed",
		returned, completed))

	ctx, cancel = context.WithCancel(context.Background())
	cleaned := make(chan struct{})
	context.AfterFunc(ctx, func() {
		time.Sleep(20 * time.Millisecond) // a slow cleanup
		close(cleaned)
	})
	start := time.Now()
	cancel()
	log.Info(fmt.Sprintf("cancel() returned after %v; the cleanup is still running",
		time.Since(start)))
	<-cleaned
	log.Info(fmt.Sprintf("the cleanup finished after %v: wait for it if you need it done",
		time.Since(start)))
}
