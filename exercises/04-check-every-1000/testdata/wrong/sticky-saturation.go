// Wrong: once the sum has saturated it stays saturated, but MaxInt64 + 1 - 1 is MaxInt64 - 1: later items still count.

package hotloop

import "math"

// Sum adds data.
func Sum(c Canceller, data []int64) (int64, bool) {
	var sum int64
	saturated := false
	for i, x := range data {
		if i%Every == 0 && c.IsCancelled() {
			return 0, false
		}
		if saturated {
			continue
		}
		s := sum + x
		if (sum^s)&(x^s) < 0 {
			if sum < 0 {
				s = math.MinInt64
			} else {
				s = math.MaxInt64
			}
			saturated = true
		}
		sum = s
	}
	return sum, true
}
