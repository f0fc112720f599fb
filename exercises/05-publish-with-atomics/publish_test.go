package publish

import (
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 5"

// TestHandover runs under the race detector in "lessons check" and CI: a
// plain bool between two goroutines fails it with a DATA RACE report.
func TestHandover(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var box Box
		go func() {
			time.Sleep(10 * time.Millisecond)
			box.Put(42)
		}()
		for range 100 {
			if v, ok := box.Get(); ok {
				if v != 42 {
					t.Fatalf("Get() = %d; want 42"+hint, v)
				}
				return
			}
			time.Sleep(3 * time.Millisecond)
		}
		t.Fatal("the result was never ready" + hint)
	})
}
