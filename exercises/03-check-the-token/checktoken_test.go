package checktoken

import (
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 3"

func TestCancelledBeforeItStarts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tok := &Token{}
		tok.Cancel()
		var out strings.Builder
		_, err := LongTask(tok, 10, &out)
		if err == nil {
			t.Fatalf("a task whose token is already cancelled returned no error and wrote %d lines; want \"cancelled at step 0\""+hint, strings.Count(out.String(), "\n"))
		}
		if err.Error() != "cancelled at step 0" || !errors.Is(err, ErrCancelled) {
			t.Fatalf("error = %q (errors.Is ErrCancelled: %v); want \"cancelled at step 0\" and true"+hint, err, errors.Is(err, ErrCancelled))
		}
	})
}

func TestCancelAt35msIsSeenAt40ms(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tok := &Token{}
		time.AfterFunc(35*time.Millisecond, tok.Cancel)
		start := time.Now()
		var out strings.Builder
		_, err := LongTask(tok, 10, &out)
		took := time.Since(start)
		if err == nil || err.Error() != "cancelled at step 4" {
			t.Fatalf("cancelled at 35ms, the task returned %v after %v; want \"cancelled at step 4\" after 40ms (step 3 finishes, then the check stops it)"+hint, err, took)
		}
		if took != 40*time.Millisecond {
			t.Fatalf("the task returned after %v; want 40ms"+hint, took)
		}
	})
}
