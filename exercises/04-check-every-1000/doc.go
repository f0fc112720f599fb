// Package hotloop is the exercise of lesson 4, "Checking in hot loops".
//
// Sum adds numbers without ever checking for cancellation, and wraps
// around on overflow. Make it:
//
//   - check its Canceller before item 0, 1000, 2000, ... (every Every items)
//     and at no other time, so a sum of n items makes ceil(n/1000) checks
//     and an empty slice makes none (it sums to (0, true) whatever the
//     Canceller says);
//   - return (0, false) at the first check that finds it cancelled, with no
//     further check, throwing the partial sum away;
//   - add with saturation, one item at a time, in order: an addition whose
//     result would pass math.MaxInt64 gives math.MaxInt64, one that would
//     pass math.MinInt64 gives math.MinInt64, and the next items are added
//     to that. So MaxInt64 + 1 - 1 is MaxInt64 - 1, and sums close to the
//     limits that do not pass them are exact.
//
// The tests compare Sum with a reference that does exactly that, on
// pseudo-random data.
package hotloop

// Every is how many items Sum adds between two checks.
const Every = 1000

// Canceller is anything that can say whether the work was cancelled.
type Canceller interface{ IsCancelled() bool }
