// Wrong: a negative budget gives 1 before free items are seen, though any number of free items fits in any budget.

package interval

import "time"

// ChooseInterval returns the largest number of items, from 1 to
// MaxInterval, that can be processed between checks within budget.
func ChooseInterval(itemCost, budget time.Duration) int {
	if budget < 0 {
		return 1 // no time at all: check every item
	}
	if itemCost <= 0 {
		return MaxInterval
	}
	return int(max(1, min(MaxInterval, int64(budget/itemCost))))
}
