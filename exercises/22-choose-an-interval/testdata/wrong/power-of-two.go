// Wrong: the interval is rounded down to a power of two, so that the loop can test i&(interval-1) == 0 instead of a division; the largest interval that fits is not a power of two, and the loop checks more often than the budget needs (512 for 1000).

package interval

import (
	"math/bits"
	"time"
)

// ChooseInterval returns how many items to process between checks.
func ChooseInterval(itemCost, budget time.Duration) int {
	if itemCost <= 0 {
		return MaxInterval
	}
	n := max(1, min(MaxInterval, int64(budget/itemCost)))
	return 1 << (bits.Len64(uint64(n)) - 1) // a mask, cheaper than i%n
}
