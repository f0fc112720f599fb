package saturating

import (
	"math"
	"testing"
)

func TestAdd(t *testing.T) {
	tests := []struct {
		name string
		a, b int64
		want int64
	}{
		{"small", 2, 3, 5},
		{"negatives", -2, -3, -5},
		{"mixed signs never overflow", math.MaxInt64, math.MinInt64, -1},
		{"max plus one stays max", math.MaxInt64, 1, math.MaxInt64},
		{"max plus max stays max", math.MaxInt64, math.MaxInt64, math.MaxInt64},
		{"min minus one stays min", math.MinInt64, -1, math.MinInt64},
		{"min plus min stays min", math.MinInt64, math.MinInt64, math.MinInt64},
		{"just reaches max", math.MaxInt64 - 1, 1, math.MaxInt64},
		{"just reaches min", math.MinInt64 + 1, -1, math.MinInt64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Add(tt.a, tt.b); got != tt.want {
				t.Errorf("Add(%d, %d) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// TestSumIsInOrder shows why the order matters: saturating at the top and
// then subtracting does not give back what the mathematical sum would.
func TestSumIsInOrder(t *testing.T) {
	tests := []struct {
		name string
		xs   []int64
		want int64
	}{
		{"empty", nil, 0},
		{"max then +1 then -1", []int64{math.MaxInt64, 1, -1}, math.MaxInt64 - 1},
		{"max then -1 then +1", []int64{math.MaxInt64, -1, 1}, math.MaxInt64},
		{"min then -1 then +1", []int64{math.MinInt64, -1, 1}, math.MinInt64 + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sum(0, tt.xs); got != tt.want {
				t.Errorf("Sum(0, %v) = %d, want %d", tt.xs, got, tt.want)
			}
		})
	}
}

// TestAddMatchesExact checks Add and Sum against the math/big reference on
// a grid of values around the edges of int64.
func TestAddMatchesExact(t *testing.T) {
	edges := []int64{math.MinInt64, math.MinInt64 + 1, -1 << 62, -2, -1, 0, 1, 2, 1 << 62, math.MaxInt64 - 1, math.MaxInt64}
	for _, a := range edges {
		for _, b := range edges {
			if got, want := Add(a, b), Exact([]int64{a, b}); got != want {
				t.Errorf("Add(%d, %d) = %d, want %d", a, b, got, want)
			}
			xs := []int64{a, b, -a, b}
			if got, want := Sum(0, xs), Exact(xs); got != want {
				t.Errorf("Sum(0, %v) = %d, want %d", xs, got, want)
			}
		}
	}
}
