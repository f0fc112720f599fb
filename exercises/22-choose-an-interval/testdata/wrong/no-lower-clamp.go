// Wrong: the result is capped at MaxInterval but not kept at 1 or more, so items slower than the budget give 0: never check.

package interval

import "time"

// ChooseInterval returns how many items to process between checks.
func ChooseInterval(itemCost, budget time.Duration) int {
	if itemCost <= 0 {
		return MaxInterval
	}
	return int(min(MaxInterval, int64(budget/itemCost)))
}
