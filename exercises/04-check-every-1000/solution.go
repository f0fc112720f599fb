//go:build solution

package hotloop

import "math"

// Sum adds data with saturation, checking c before every Every items.
func Sum(c Canceller, data []int64) (int64, bool) {
	var sum int64
	for start := 0; start < len(data); start += Every {
		if c.IsCancelled() {
			return 0, false
		}
		for _, x := range data[start:min(start+Every, len(data))] {
			s := sum + x
			if (sum^s)&(x^s) < 0 { // overflow: same signs in, other sign out
				if sum < 0 {
					s = math.MinInt64
				} else {
					s = math.MaxInt64
				}
			}
			sum = s
		}
	}
	return sum, true
}
