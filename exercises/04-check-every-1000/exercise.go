//go:build !solution

package hotloop

// Sum adds data.
func Sum(c Canceller, data []int64) (int64, bool) {
	var sum int64
	for _, x := range data {
		// TODO: check c every Every items, and saturate instead of wrapping.
		sum += x
	}
	return sum, true
}
