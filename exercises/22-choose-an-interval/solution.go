//go:build solution

package interval

import "time"

// ChooseInterval returns the largest number of items, from 1 to
// MaxInterval, that can be processed between checks within budget.
func ChooseInterval(itemCost, budget time.Duration) int {
	if itemCost <= 0 {
		return MaxInterval
	}
	return int(max(1, min(MaxInterval, int64(budget/itemCost))))
}
