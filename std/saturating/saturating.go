// Package saturating adds int64 values without wrapping around: a sum that
// would pass math.MaxInt64 stays at math.MaxInt64, one that would pass
// math.MinInt64 stays at math.MinInt64, like Rust's i64::saturating_add.
//
// Saturating addition is not associative: (MaxInt64 + 1) - 1 is
// MaxInt64 - 1, while MaxInt64 + (1 - 1) is MaxInt64. Callers that need the
// source lesson's results must add in order, one value at a time.
package saturating

import "math"

// Add returns a + b, clamped to [math.MinInt64, math.MaxInt64].
func Add(a, b int64) int64 {
	s := a + b
	// Overflow happened exactly when a and b have the same sign
	// and s has the other one.
	if (a^s)&(b^s) < 0 {
		if a < 0 {
			return math.MinInt64
		}
		return math.MaxInt64
	}
	return s
}

// Sum adds the values of xs to acc in order with Add and returns the result.
func Sum(acc int64, xs []int64) int64 {
	for _, x := range xs {
		acc = Add(acc, x)
	}
	return acc
}
