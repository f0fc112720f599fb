// Wrong: the checks are in the wrong order: a budget of 0 gives 1 before free items are seen, though any number of free items fits in it.

package interval

import "time"

// ChooseInterval returns how many items to process between checks.
func ChooseInterval(itemCost, budget time.Duration) int {
	if budget <= 0 {
		return 1
	}
	if itemCost <= 0 {
		return MaxInterval
	}
	return int(max(1, min(MaxInterval, int64(budget/itemCost))))
}
