package interval

import (
	"testing"
	"time"
)

const hint = "\nHint: go run ./lessons hint 17"

func TestChooseInterval(t *testing.T) {
	tests := []struct {
		name             string
		itemCost, budget time.Duration
		want             int
	}{
		{"1ns items, 1µs budget: lesson 4's interval", time.Nanosecond, time.Microsecond, 1000},
		{"2µs records, 1ms budget", 2 * time.Microsecond, time.Millisecond, 500},
		{"items slower than the budget: check every one", time.Millisecond, time.Microsecond, 1},
		{"a budget that fits exactly", 10 * time.Nanosecond, 100 * time.Nanosecond, 10},
		{"free items: capped", 0, time.Second, MaxInterval},
		{"very cheap items: capped", time.Nanosecond, time.Hour, MaxInterval},
	}
	for _, tt := range tests {
		if got := ChooseInterval(tt.itemCost, tt.budget); got != tt.want {
			t.Errorf("%s: ChooseInterval(%v, %v) = %d; want %d"+hint, tt.name, tt.itemCost, tt.budget, got, tt.want)
		}
	}
}
