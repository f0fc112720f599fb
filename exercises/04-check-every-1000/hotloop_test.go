package hotloop

import (
	"math"
	"testing"
)

const hint = "\nHint: go run ./lessons hint 4"

// countingCanceller counts the checks, and says "cancelled" from check
// number cancelAt on (0: never).
type countingCanceller struct{ checks, cancelAt int }

func (c *countingCanceller) IsCancelled() bool {
	c.checks++
	return c.cancelAt > 0 && c.checks >= c.cancelAt
}

func ones(n int) []int64 {
	s := make([]int64, n)
	for i := range s {
		s[i] = 1
	}
	return s
}

func TestChecksEvery1000Items(t *testing.T) {
	tests := []struct{ items, wantChecks int }{{0, 0}, {1, 1}, {1000, 1}, {1001, 2}, {2500, 3}}
	for _, tt := range tests {
		c := &countingCanceller{}
		sum, ok := Sum(c, ones(tt.items))
		if !ok || sum != int64(tt.items) {
			t.Errorf("Sum of %d ones = (%d, %v); want (%d, true)"+hint, tt.items, sum, ok, tt.items)
		}
		if c.checks != tt.wantChecks {
			t.Errorf("Sum of %d items checked the token %d times; want %d (before item 0, 1000, 2000, ...)"+hint, tt.items, c.checks, tt.wantChecks)
		}
	}
}

func TestStopsAtTheFirstCancelledCheck(t *testing.T) {
	c := &countingCanceller{cancelAt: 3}
	sum, ok := Sum(c, ones(5000))
	if ok || sum != 0 || c.checks != 3 {
		t.Fatalf("cancelled at the 3rd check: Sum = (%d, %v) after %d checks; want (0, false) after 3"+hint, sum, ok, c.checks)
	}
}

func TestSaturatesInOrder(t *testing.T) {
	tests := []struct {
		data []int64
		want int64
	}{
		{[]int64{math.MaxInt64, 1, -1}, math.MaxInt64 - 1},
		{[]int64{math.MaxInt64, -1, 1}, math.MaxInt64},
		{[]int64{math.MinInt64, -1, 1}, math.MinInt64 + 1},
	}
	for _, tt := range tests {
		if sum, _ := Sum(&countingCanceller{}, tt.data); sum != tt.want {
			t.Errorf("Sum(%v) = %d; want %d (saturate at each addition, in order)"+hint, tt.data, sum, tt.want)
		}
	}
}
