// Wrong: the quotient is rounded to the nearest whole number, so a run of items can take longer than the budget.

package interval

import (
	"math"
	"time"
)

// ChooseInterval returns how many items to process between checks.
func ChooseInterval(itemCost, budget time.Duration) int {
	if itemCost <= 0 {
		return MaxInterval
	}
	n := math.Round(float64(budget) / float64(itemCost))
	return int(max(1, min(MaxInterval, n)))
}
