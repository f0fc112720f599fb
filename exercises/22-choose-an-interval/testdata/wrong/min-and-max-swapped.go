// Wrong: min and max are swapped in the clamp, so the result is always 1: a check on every item, however cheap.

package interval

import "time"

// ChooseInterval returns how many items to process between checks.
func ChooseInterval(itemCost, budget time.Duration) int {
	if itemCost <= 0 {
		return MaxInterval
	}
	return int(min(1, max(MaxInterval, int64(budget/itemCost))))
}
