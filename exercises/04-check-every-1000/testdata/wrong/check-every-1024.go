// Wrong: it checks every 1024 items with a bit mask, which is cheaper than i%1000 but is not the schedule asked for.

package hotloop

import "math"

// Sum adds data.
func Sum(c Canceller, data []int64) (int64, bool) {
	var sum int64
	for i, x := range data {
		if i&1023 == 0 && c.IsCancelled() {
			return 0, false
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
