// Wrong: when cancelled it returns the partial sum with false, instead of (0, false).

package hotloop

import "math"

// Sum adds data.
func Sum(c Canceller, data []int64) (int64, bool) {
	var sum int64
	for i, x := range data {
		if i%Every == 0 && c.IsCancelled() {
			return sum, false
		}
		s := sum + x
		if (sum^s)&(x^s) < 0 {
			if sum < 0 {
				s = math.MinInt64
			} else {
				s = math.MaxInt64
			}
		}
		sum = s
	}
	return sum, true
}
