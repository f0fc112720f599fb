package shutdown

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

const hint = "\nHint: go run ./lessons hint 10"

func TestShutdownLosesNothing(t *testing.T) {
	for _, ms := range []int{5, 15, 25, 45} {
		synctest.Test(t, func(t *testing.T) {
			stop, cancel := context.WithTimeout(context.Background(), time.Duration(ms)*time.Millisecond)
			defer cancel()
			s := Run(stop, 2)
			time.Sleep(time.Second) // let any worker that Run left behind finish
			if s.Lost() != 0 {
				t.Errorf("stopped at %dms: %v; want lost=0: every accepted job completed or cancelled before Run returns"+hint, ms, s)
			}
		})
	}
}
