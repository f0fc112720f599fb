// Wrong: it detects overflow by adding in float64, which rounds near the limits, so sums close to MaxInt64 or MinInt64 are clamped although they fit.

package hotloop

import "math"

// Sum adds data.
func Sum(c Canceller, data []int64) (int64, bool) {
	var sum int64
	for i, x := range data {
		if i%Every == 0 && c.IsCancelled() {
			return 0, false
		}
		f := float64(sum) + float64(x)
		switch {
		case f >= math.MaxInt64:
			sum = math.MaxInt64
		case f <= math.MinInt64:
			sum = math.MinInt64
		default:
			sum += x
		}
	}
	return sum, true
}
