// Package hotloop is the exercise of lesson 4, "Checking in hot loops".
//
// Sum adds numbers without ever checking for cancellation, and wraps
// around on overflow. Make it check its token before item 0, 1000, 2000,
// ... (and at no other time), return (0, false) at the first check that
// finds it cancelled, and add with saturation: a sum that would pass
// math.MaxInt64 stays at math.MaxInt64, one that would pass math.MinInt64
// stays at math.MinInt64, one addition at a time, in order.
package hotloop

// Every is how many items Sum adds between two checks.
const Every = 1000

// Canceller is anything that can say whether the work was cancelled.
type Canceller interface{ IsCancelled() bool }
