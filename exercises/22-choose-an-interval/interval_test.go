package interval

import (
	"fmt"
	"math"
	"testing"
	"time"
)

const hint = "\nHint: go run ./lessons hint 22"

// choose calls ChooseInterval, and says so if it panicked.
func choose(itemCost, budget time.Duration) (got int, panicked string) {
	defer func() {
		if r := recover(); r != nil {
			panicked = fmt.Sprint(r)
		}
	}()
	return ChooseInterval(itemCost, budget), ""
}

func TestChooseInterval(t *testing.T) {
	tests := []struct {
		name             string
		itemCost, budget time.Duration
		want             int
	}{
		{"1ns items, 1µs budget: lesson 4's interval", time.Nanosecond, time.Microsecond, 1000},
		{"2µs records, 1ms budget", 2 * time.Microsecond, time.Millisecond, 500},
		{"a budget that fits exactly", 10 * time.Nanosecond, 100 * time.Nanosecond, 10},
		{"a budget that does not divide: round down, or 4 items would take 12ns", 3 * time.Nanosecond, 11 * time.Nanosecond, 3},
		{"items slower than the budget: check every one", time.Millisecond, time.Microsecond, 1},
		{"no budget at all: check every item", time.Nanosecond, 0, 1},
		{"a negative budget: check every item", time.Nanosecond, -time.Second, 1},
		{"free items: capped", 0, time.Second, MaxInterval},
		{"free items and no budget: any interval fits, capped", 0, 0, MaxInterval},
		{"items of negative cost, as free ones: capped", -time.Nanosecond, time.Second, MaxInterval},
		{"items of negative cost and a small budget, as free ones: capped", -time.Millisecond, time.Microsecond, MaxInterval},
		{"items of negative cost and no budget, as free ones: capped", -time.Nanosecond, 0, MaxInterval},
		{"free items and a negative budget: any interval fits, capped", 0, -time.Second, MaxInterval},
		{"items of hours: the run of MaxInterval items would overflow a Duration", 3 * time.Hour, 24 * time.Hour, 8},
		{"items of hours and the largest budget there is", 3 * time.Hour, math.MaxInt64, 854015},
		{"items of hours, 1ns short of 854015 of them: round down", 3 * time.Hour, 854015*3*time.Hour - 1, 854014},
		{"very cheap items: capped", time.Nanosecond, time.Hour, MaxInterval},
		{"the largest budget there is: capped", time.Nanosecond, math.MaxInt64, MaxInterval},
		{"just under the cap", 2 * time.Nanosecond, 2*(MaxInterval-1)*time.Nanosecond + 1, MaxInterval - 1},
	}
	for _, tt := range tests {
		got, panicked := choose(tt.itemCost, tt.budget)
		switch {
		case panicked != "":
			t.Errorf("%s: ChooseInterval(%v, %v) panicked: %s; want %d"+hint, tt.name, tt.itemCost, tt.budget, panicked, tt.want)
		case got != tt.want:
			t.Errorf("%s: ChooseInterval(%v, %v) = %d; want %d"+hint, tt.name, tt.itemCost, tt.budget, got, tt.want)
		}
	}
}
