// Wrong: the durations are divided as float seconds, whose rounding errors make an exact fit come out one short (999 instead of 1000).

package interval

import "time"

// ChooseInterval returns how many items to process between checks.
func ChooseInterval(itemCost, budget time.Duration) int {
	if itemCost <= 0 {
		return MaxInterval
	}
	n := int(budget.Seconds() / itemCost.Seconds())
	return max(1, min(MaxInterval, n))
}
