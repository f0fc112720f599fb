// Wrong: the quotient is rounded up, so a run of items can take longer than the budget.

package interval

import "time"

// ChooseInterval returns how many items to process between checks.
func ChooseInterval(itemCost, budget time.Duration) int {
	if itemCost <= 0 {
		return MaxInterval
	}
	n := (budget + itemCost - 1) / itemCost
	return int(max(1, min(MaxInterval, int64(n))))
}
