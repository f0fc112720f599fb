package std_test

import (
	"errors"
	"fmt"
	"os"
	"time"

	"example.com/cancellation/std"
)

// A task whose token is already cancelled stops before its first step and
// says so with an error that errors.Is recognises.
func ExampleLongTask_cancelled() {
	token := std.NewToken()
	token.Cancel()
	_, err := std.LongTask(token, 10, os.Stdout)
	fmt.Println(err)
	fmt.Println(errors.Is(err, std.ErrCancelled))
	// Output:
	// cancelled at step 0
	// true
}

// Nobody cancels: the task does every step.
func ExampleLongTask() {
	msg, err := std.LongTask(std.NewToken(), 3, os.Stdout)
	fmt.Println(msg, err)
	// Output:
	// Step 0 complete
	// Step 1 complete
	// Step 2 complete
	// completed all 3 steps <nil>
}

// Sharing a token is sharing its pointer: a cancel through one name is seen
// through every other.
func ExampleToken_sharing() {
	controller := std.NewToken()
	task := controller // the same *Token, like a clone of a Rust Arc
	controller.Cancel()
	fmt.Println(task.IsCancelled())
	// Output: true
}

// A hot loop checks its token only every CheckInterval items, and an
// addition that would overflow stays at the limit.
func ExampleCancellableSum() {
	sum, ok := std.CancellableSum(std.NewToken(), []int64{1 << 62, 1 << 62, 1 << 62})
	fmt.Println(sum, ok)

	cancelled := std.NewToken()
	cancelled.Cancel()
	sum, ok = std.CancellableSum(cancelled, []int64{1, 2, 3})
	fmt.Println(sum, ok)
	// Output:
	// 9223372036854775807 true
	// 0 false
}

// Done is closed by Cancel, so a task can wait for its work and for the
// cancel in one select.
func ExampleToken_Done() {
	token := std.NewToken()
	go token.Cancel()
	select {
	case <-token.Done():
		fmt.Println("woken by the cancel")
	case <-time.After(time.Minute):
		fmt.Println("the work finished first")
	}
	// Output: woken by the cancel
}

// Cancelling a parent cancels its children, with the parent's cause;
// cancelling a child leaves the parent alone.
func ExampleToken_Child() {
	errLoggedOut := errors.New("user logged out")
	session := std.NewToken()
	upload, search := session.Child(), session.Child()

	search.Cancel() // the user typed another letter
	fmt.Println(session.IsCancelled(), upload.IsCancelled(), search.IsCancelled())

	session.CancelWithCause(errLoggedOut)
	fmt.Println(upload.IsCancelled(), upload.Cause())
	// Output:
	// false false true
	// true user logged out
}

// OnCancel runs a function once the token is cancelled, in a goroutine of
// its own; stop prevents it if it has not started.
func ExampleToken_OnCancel() {
	token := std.NewToken()
	released := make(chan struct{})
	token.OnCancel(func() { close(released) })
	stop := token.OnCancel(func() { fmt.Println("never printed") })

	fmt.Println("stopped:", stop())
	token.Cancel()
	<-released
	fmt.Println("released")
	// Output:
	// stopped: true
	// released
}
