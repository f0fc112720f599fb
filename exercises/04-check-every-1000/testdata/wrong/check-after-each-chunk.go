// Wrong: it checks after every 1000 items instead of before, so a cancelled token is not seen before item 0 and a short sum is never checked.

package hotloop

import "math"

// Sum adds data.
func Sum(c Canceller, data []int64) (int64, bool) {
	var sum int64
	for i, x := range data {
		s := sum + x
		if (sum^s)&(x^s) < 0 {
			if sum < 0 {
				s = math.MinInt64
			} else {
				s = math.MaxInt64
			}
		}
		sum = s
		if (i+1)%Every == 0 && c.IsCancelled() {
			return 0, false
		}
	}
	return sum, true
}
