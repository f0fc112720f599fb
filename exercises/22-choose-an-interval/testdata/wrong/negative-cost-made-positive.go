// Wrong: a negative cost is made positive instead of being treated as free, so items of -1ms with a budget of 1µs get 1, not MaxInterval.

package interval

import "time"

// ChooseInterval returns the largest number of items, from 1 to
// MaxInterval, that can be processed between checks within budget.
func ChooseInterval(itemCost, budget time.Duration) int {
	if itemCost < 0 {
		itemCost = -itemCost // a cost cannot be negative: take its size
	}
	if itemCost == 0 {
		return MaxInterval
	}
	return int(max(1, min(MaxInterval, int64(budget/itemCost))))
}
